package dev.vigil.diagnostics.inventory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.ArrayList;
import java.util.List;

/** The controllers of a snapshot as one list of (kind, object, pod template) for checks that treat them alike. */
public final class Workloads {
    private Workloads() {
    }

    /** A workload controller and the pod spec of its template. */
    public record Workload(String kind, HasMetadata object, PodSpec podSpec) {
        public String namespace() {
            return object.getMetadata().getNamespace();
        }

        public String name() {
            return object.getMetadata().getName();
        }

        /** {@code Kind namespace/name}, as messages name it. */
        public String ref() {
            return kind + " " + namespace() + "/" + name();
        }
    }

    public static List<Workload> of(ClusterSnapshot s) {
        List<Workload> out = new ArrayList<>();
        s.daemonSets().forEach(d -> out.add(new Workload("DaemonSet", d, d.getSpec().getTemplate().getSpec())));
        s.deployments().forEach(d -> out.add(new Workload("Deployment", d, d.getSpec().getTemplate().getSpec())));
        s.statefulSets().forEach(d -> out.add(new Workload("StatefulSet", d, d.getSpec().getTemplate().getSpec())));
        s.jobs().forEach(d -> out.add(new Workload("Job", d, d.getSpec().getTemplate().getSpec())));
        return out;
    }
}
