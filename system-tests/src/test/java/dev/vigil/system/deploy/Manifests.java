package dev.vigil.system.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects one overlay renders to, with look-ups the deployment tests share. */
record Manifests(String overlay, List<HasMetadata> items) {

    Manifests {
        items = List.copyOf(items);
    }

    <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return items.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                overlay + ": no " + type.getSimpleName() + " named " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return ofType(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** Custom resources (Strimzi's) of one kind. */
    List<GenericKubernetesResource> custom(String kind) {
        return ofType(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    ConfigMap configMap(String name) {
        return named(ConfigMap.class, name);
    }

    /** Every pod template of a workload, keyed by "Kind/name". */
    Map<String, PodSpec> podSpecs() {
        Map<String, PodSpec> out = new LinkedHashMap<>();
        for (HasMetadata o : items) {
            podSpec(o).ifPresent(spec -> out.put(o.getKind() + "/" + o.getMetadata().getName(), spec));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Optional<PodSpec> podSpec(HasMetadata o) {
        if (o instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate().getSpec());
        } else if (o instanceof StatefulSet s) {
            return Optional.of(s.getSpec().getTemplate().getSpec());
        } else if (o instanceof DaemonSet d) {
            return Optional.of(d.getSpec().getTemplate().getSpec());
        } else if (o instanceof Job j) {
            return Optional.of(j.getSpec().getTemplate().getSpec());
        } else if (o instanceof CronJob c) {
            return Optional.of(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
        } else if (o instanceof Pod p) {
            return Optional.of(p.getSpec());
        }
        return Optional.empty();
    }
}
