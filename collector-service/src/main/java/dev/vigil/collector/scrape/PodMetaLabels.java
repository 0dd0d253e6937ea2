package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The targets Prometheus's Kubernetes discovery ({@code role: pod}) finds in a pod, with its
 * {@code __meta_kubernetes_*} labels, for a scrape config's {@code relabel_configs} to work on:
 * one target per declared container port ({@code __address__} = pod IP:port), one per container
 * that declares none ({@code __address__} = pod IP), init containers included. A pod without an
 * IP has none.
 */
public final class PodMetaLabels {
    private static final String P = "__meta_kubernetes_pod_";

    private PodMetaLabels() {
    }

    /** The pod's targets, each a label set with {@code __address__} and the meta labels. */
    public static List<Labels> targets(Pod pod) {
        ObjectMeta meta = Optional.ofNullable(pod.getMetadata()).orElseGet(ObjectMeta::new);
        PodSpec spec = Optional.ofNullable(pod.getSpec()).orElseGet(PodSpec::new);
        PodStatus status = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
        String ip = nz(status.getPodIP());
        if (ip.isEmpty()) {
            return List.of();
        }
        Labels.Builder common = Labels.builder()
                .set("__meta_kubernetes_namespace", nz(meta.getNamespace()))
                .set(P + "name", nz(meta.getName()))
                .set(P + "ip", ip)
                .set(P + "ready", ready(status))
                .set(P + "phase", nz(status.getPhase()))
                .set(P + "node_name", nz(spec.getNodeName()))
                .set(P + "host_ip", nz(status.getHostIP()))
                .set(P + "uid", nz(meta.getUid()));
        for (OwnerReference o : Optional.ofNullable(meta.getOwnerReferences()).orElse(List.of())) {
            if (Boolean.TRUE.equals(o.getController())) {
                common.set(P + "controller_kind", nz(o.getKind())).set(P + "controller_name", nz(o.getName()));
                break;
            }
        }
        present(common, "label", meta.getLabels());
        present(common, "annotation", meta.getAnnotations());
        Labels base = common.build();
        List<Labels> out = new ArrayList<>();
        addContainers(out, base, ip, spec.getContainers(), status.getContainerStatuses(), false);
        addContainers(out, base, ip, spec.getInitContainers(), status.getInitContainerStatuses(), true);
        return out;
    }

    private static void addContainers(List<Labels> out, Labels base, String ip, List<Container> containers,
                                      List<ContainerStatus> statuses, boolean init) {
        for (Container c : Optional.ofNullable(containers).orElse(List.of())) {
            Labels.Builder b = base.toBuilder()
                    .set(P + "container_name", nz(c.getName()))
                    .set(P + "container_image", nz(c.getImage()))
                    .set(P + "container_init", Boolean.toString(init))
                    .set(P + "container_id", containerId(c.getName(), statuses));
            List<ContainerPort> ports = Optional.ofNullable(c.getPorts()).orElse(List.of());
            if (ports.isEmpty()) {
                out.add(b.set("__address__", ip).build());
                continue;
            }
            for (ContainerPort p : ports) {
                if (p.getContainerPort() == null) {
                    continue;
                }
                String port = Integer.toString(p.getContainerPort());
                out.add(b.build().toBuilder()
                        .set("__address__", (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port)
                        .set(P + "container_port_name", nz(p.getName()))
                        .set(P + "container_port_number", port)
                        .set(P + "container_port_protocol", p.getProtocol() == null ? "TCP" : p.getProtocol())
                        .build());
            }
        }
    }

    private static String containerId(String name, List<ContainerStatus> statuses) {
        for (ContainerStatus s : Optional.ofNullable(statuses).orElse(List.of())) {
            if (name != null && name.equals(s.getName())) {
                return nz(s.getContainerID());
            }
        }
        return "";
    }

    private static void present(Labels.Builder b, String kind, Map<String, String> values) {
        if (values == null) {
            return;
        }
        values.forEach((k, v) -> {
            String name = sanitize(k);
            b.set(P + kind + "_" + name, v);
            b.set(P + kind + "present_" + name, "true");
        });
    }

    /** The pod's Ready condition as Prometheus writes it: true, false or unknown. */
    private static String ready(PodStatus status) {
        for (PodCondition c : Optional.ofNullable(status.getConditions()).orElse(List.of())) {
            if ("Ready".equals(c.getType())) {
                return nz(c.getStatus()).toLowerCase(Locale.ROOT);
            }
        }
        return "unknown";
    }

    /** Prometheus's {@code strutil.SanitizeLabelName}: every character outside [a-zA-Z0-9_] becomes _. */
    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.codePoints().forEach(c -> b.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                ? (char) c : '_')); // per character, as Go's regexp replaces per rune
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
