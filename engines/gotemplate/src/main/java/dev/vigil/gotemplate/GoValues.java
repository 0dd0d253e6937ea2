package dev.vigil.gotemplate;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Go's value semantics as templates see them, for the Java types that stand in for Go's: strings,
 * {@code Long} (int), {@code Double} (float64), {@code Boolean}, lists, maps, times
 * ({@code Instant}, {@code ZonedDateTime}) and {@code null} (nil).
 */
public final class GoValues {

    private GoValues() {
    }

    /** Go's notion of truth: false, 0, nil and empty strings, lists and maps are false. */
    public static boolean truth(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Go's {@code fmt.Sprint}: spaces only between operands when neither is a string. */
    public static String sprint(List<Object> a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            if (i > 0 && !(a.get(i) instanceof String) && !(a.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(GoFormat.print(a.get(i)));
        }
        return sb.toString();
    }

    /** The Go type name that fmt prints in {@code %!d(string=x)}. */
    public static String typeName(Object o) {
        if (o == null) {
            return "<nil>";
        }
        if (o instanceof String) {
            return "string";
        }
        if (o instanceof Long || o instanceof Integer) {
            return "int";
        }
        if (o instanceof Double || o instanceof Float) {
            return "float64";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Instant || o instanceof ZonedDateTime) {
            return "time.Time";
        }
        if (o instanceof Map<?, ?>) {
            return "map";
        }
        if (o instanceof Collection<?>) {
            return "slice";
        }
        return o.getClass().getSimpleName();
    }
}
