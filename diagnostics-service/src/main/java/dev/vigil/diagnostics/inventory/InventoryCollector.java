package dev.vigil.diagnostics.inventory;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the cluster inventory through the Kubernetes API. A node's OS comes from
 * {@code status.nodeInfo.operatingSystem}, falling back to the {@code kubernetes.io/os} label.
 */
public final class InventoryCollector {
    private final KubernetesClient client;

    public InventoryCollector(KubernetesClient client) {
        this.client = client;
    }

    public Inventory collect() {
        String version = Optional.ofNullable(client.getKubernetesVersion()).map(v -> v.getGitVersion()).orElse("unknown");
        List<Inventory.NodeInfo> nodes = client.nodes().list().getItems().stream().map(InventoryCollector::node).toList();
        List<String> namespaces = client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        Map<String, Integer> phases = new TreeMap<>();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        for (Pod p : pods) {
            String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase();
            phases.merge(phase, 1, Integer::sum);
        }
        return new Inventory(version, nodes, namespaces, new Inventory.PodSummary(pods.size(), phases));
    }

    static Inventory.NodeInfo node(Node n) {
        Map<String, String> labels = Optional.ofNullable(n.getMetadata().getLabels()).map(TreeMap::new).orElseGet(TreeMap::new);
        NodeSystemInfo info = n.getStatus() == null ? null : n.getStatus().getNodeInfo();
        String os = info != null && info.getOperatingSystem() != null ? info.getOperatingSystem() : labels.getOrDefault("kubernetes.io/os", "unknown");
        String arch = info != null && info.getArchitecture() != null ? info.getArchitecture() : labels.getOrDefault("kubernetes.io/arch", "unknown");
        Map<String, String> conditions = new TreeMap<>();
        if (n.getStatus() != null && n.getStatus().getConditions() != null) {
            for (NodeCondition c : n.getStatus().getConditions()) {
                conditions.put(c.getType(), c.getStatus());
            }
        }
        List<String> taints = new ArrayList<>();
        if (n.getSpec() != null && n.getSpec().getTaints() != null) {
            for (Taint t : n.getSpec().getTaints()) {
                taints.add(t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":" + t.getEffect());
            }
        }
        Map<String, String> allocatable = new TreeMap<>();
        if (n.getStatus() != null && n.getStatus().getAllocatable() != null) {
            for (Map.Entry<String, Quantity> e : n.getStatus().getAllocatable().entrySet()) {
                allocatable.put(e.getKey(), e.getValue().toString());
            }
        }
        return new Inventory.NodeInfo(n.getMetadata().getName(), os, arch,
                info == null ? "" : nz(info.getOsImage()), info == null ? "" : nz(info.getKernelVersion()),
                info == null ? "" : nz(info.getKubeletVersion()), info == null ? "" : nz(info.getContainerRuntimeVersion()),
                conditions, taints, allocatable, labels);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
