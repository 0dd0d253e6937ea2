package dev.vigil.diagnostics.inventory;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of the scheduler's node filtering that decide which OS a pod can land on: node
 * selector, required node affinity and NoSchedule/NoExecute taints. Preferred affinity, resources
 * and pod affinity are left out: they never keep a pod off a node of the wrong OS.
 */
public final class Scheduling {
    /** The well-known OS label, and its pre-1.14 spelling some manifests still use. */
    public static final List<String> OS_LABELS = List.of("kubernetes.io/os", "beta.kubernetes.io/os");

    private Scheduling() {
    }

    /** The OSes a pod spec restricts itself to through selector or required affinity; empty means none. */
    public static Set<String> osConstraint(PodSpec spec) {
        Set<String> oses = new TreeSet<>();
        if (spec == null) {
            return oses;
        }
        Map<String, String> selector = Optional.ofNullable(spec.getNodeSelector()).orElse(Map.of());
        for (String label : OS_LABELS) {
            if (selector.containsKey(label)) {
                oses.add(selector.get(label));
            }
        }
        for (NodeSelectorTerm term : requiredTerms(spec)) {
            for (NodeSelectorRequirement r : Optional.ofNullable(term.getMatchExpressions()).orElse(List.of())) {
                if (OS_LABELS.contains(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null) {
                    oses.addAll(r.getValues());
                }
            }
        }
        return oses;
    }

    /** Whether a pod with this spec passes the node's selector, required affinity and taints. */
    public static boolean canLandOn(PodSpec spec, Node node) {
        Map<String, String> labels = Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
        Map<String, String> selector = Optional.ofNullable(spec.getNodeSelector()).orElse(Map.of());
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        List<NodeSelectorTerm> terms = requiredTerms(spec);
        if (!terms.isEmpty() && terms.stream().noneMatch(t -> matches(t, labels))) {
            return false;
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        List<Toleration> tolerations = Optional.ofNullable(spec.getTolerations()).orElse(List.of());
        for (Taint t : taints) {
            boolean blocks = "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect());
            if (blocks && tolerations.stream().noneMatch(tol -> tolerates(tol, t))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a toleration tolerates a taint, with the API's rules for empty key, operator and effect. */
    public static boolean tolerates(Toleration tol, Taint taint) {
        if (tol.getEffect() != null && !tol.getEffect().isEmpty() && !tol.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if ("Exists".equals(tol.getOperator())) {
            return tol.getKey() == null || tol.getKey().isEmpty() || tol.getKey().equals(taint.getKey());
        }
        return Objects.equals(tol.getKey(), taint.getKey())
                && Objects.equals(Optional.ofNullable(tol.getValue()).orElse(""), Optional.ofNullable(taint.getValue()).orElse(""));
    }

    /** A taint as kubectl prints it: {@code key=value:Effect}. */
    public static String describe(Taint t) {
        return t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue()) + ":" + t.getEffect();
    }

    /** The label the kubelet puts on Windows nodes: their build, {@code major.minor.build}. */
    public static final String WINDOWS_BUILD_LABEL = "node.kubernetes.io/windows-build";

    /**
     * A Windows node's build ({@code 10.0.17763}): its {@link #WINDOWS_BUILD_LABEL}, else the first
     * three parts of its kernel version; empty when neither says.
     */
    public static String windowsBuild(Node n) {
        Map<String, String> labels = Optional.ofNullable(n.getMetadata().getLabels()).orElse(Map.of());
        String label = labels.get(WINDOWS_BUILD_LABEL);
        if (label != null && !label.isEmpty()) {
            return label;
        }
        String kernel = n.getStatus() == null || n.getStatus().getNodeInfo() == null ? null : n.getStatus().getNodeInfo().getKernelVersion();
        if (kernel == null) {
            return "";
        }
        String[] parts = kernel.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : "";
    }

    /** A node's OS from its node info, else from its {@code kubernetes.io/os} label, else "unknown". */
    public static String nodeOs(Node n) {
        if (n.getStatus() != null && n.getStatus().getNodeInfo() != null && n.getStatus().getNodeInfo().getOperatingSystem() != null) {
            return n.getStatus().getNodeInfo().getOperatingSystem();
        }
        Map<String, String> labels = Optional.ofNullable(n.getMetadata().getLabels()).orElse(Map.of());
        return labels.getOrDefault("kubernetes.io/os", labels.getOrDefault("beta.kubernetes.io/os", "unknown"));
    }

    private static List<NodeSelectorTerm> requiredTerms(PodSpec spec) {
        Affinity a = spec.getAffinity();
        if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return List.of();
        }
        return Optional.ofNullable(a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms())
                .orElse(List.of());
    }

    private static boolean matches(NodeSelectorTerm term, Map<String, String> labels) {
        for (NodeSelectorRequirement r : Optional.ofNullable(term.getMatchExpressions()).orElse(List.of())) {
            String v = labels.get(r.getKey());
            List<String> values = Optional.ofNullable(r.getValues()).orElse(List.of());
            boolean ok = switch (r.getOperator()) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                // Gt/Lt compare integers; no OS label is numeric, so they never decide the OS
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
