package dev.vigil.system.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** Objects of one type in one namespace. */
    <T extends HasMetadata> List<T> inNamespace(Class<T> type, String namespace) {
        return ofType(type).stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList();
    }

    /** Every pod template of a workload, keyed by "Kind/name". */
    Map<String, PodSpec> podSpecs() {
        Map<String, PodSpec> out = new LinkedHashMap<>();
        workloads().forEach(w -> out.put(w.id(), w.spec()));
        return Collections.unmodifiableMap(out);
    }

    /** Every object that runs pods, with its pod template. */
    List<Workload> workloads() {
        return items.stream().flatMap(o -> template(o).map(t -> new Workload(o, t)).stream()).toList();
    }

    /** A Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod with the pods it makes. */
    record Workload(HasMetadata owner, PodTemplateSpec template) {
        /** "Kind/name", as messages name it. */
        String id() {
            return owner.getKind() + "/" + owner.getMetadata().getName();
        }

        String namespace() {
            return Objects.requireNonNullElse(owner.getMetadata().getNamespace(), "");
        }

        PodSpec spec() {
            return template.getSpec();
        }

        Map<String, String> podLabels() {
            return Optional.ofNullable(template.getMetadata()).map(m -> m.getLabels()).orElse(Map.of());
        }
    }

    private static Optional<PodTemplateSpec> template(HasMetadata o) {
        if (o instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate());
        } else if (o instanceof StatefulSet s) {
            return Optional.of(s.getSpec().getTemplate());
        } else if (o instanceof DaemonSet d) {
            return Optional.of(d.getSpec().getTemplate());
        } else if (o instanceof Job j) {
            return Optional.of(j.getSpec().getTemplate());
        } else if (o instanceof CronJob c) {
            return Optional.of(c.getSpec().getJobTemplate().getSpec().getTemplate());
        } else if (o instanceof Pod p) {
            return Optional.of(new PodTemplateSpec(p.getMetadata(), p.getSpec()));
        }
        return Optional.empty();
    }
}
