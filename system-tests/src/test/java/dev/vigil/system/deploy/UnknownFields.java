package dev.vigil.system.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the Kubernetes API would reject or silently drop: the fabric8 model keeps every
 * property it does not know in {@code additionalProperties}, so a misspelt {@code nodeSelecter}
 * or a field at the wrong level shows up there. Custom resources are skipped (no schema here).
 */
final class UnknownFields {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private UnknownFields() {
    }

    /** Paths of unknown fields in the object, such as {@code spec.template.spec.nodeSelecter}. */
    static List<String> of(Object object) {
        List<String> out = new ArrayList<>();
        walk(object, "", out);
        return out;
    }

    private static void walk(Object o, String path, List<String> out) {
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", out);
            }
        } else if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, child(path, String.valueOf(k)), out));
        } else if (o != null && o.getClass().getPackageName().startsWith(MODEL_PACKAGE) && !(o instanceof GenericKubernetesResource)) {
            for (Method getter : o.getClass().getMethods()) {
                if (getter.getParameterCount() == 0 && getter.getName().startsWith("get") && traversable(getter.getReturnType())) {
                    Object value = invoke(getter, o);
                    if (getter.getName().equals("getAdditionalProperties")) {
                        ((Map<?, ?>) value).keySet().forEach(k -> out.add(child(path, String.valueOf(k))));
                    } else {
                        walk(value, child(path, Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4)), out);
                    }
                }
            }
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean traversable(Class<?> type) {
        return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || type.getPackageName().startsWith(MODEL_PACKAGE);
    }

    private static Object invoke(Method getter, Object o) {
        try {
            return getter.invoke(o);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter + " of " + o.getClass().getName(), e);
        }
    }
}
