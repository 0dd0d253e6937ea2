package dev.vigil.diagnostics.inventory;

import java.util.List;
import java.util.Map;

/** What the cluster is made of, as Sonobuoy's query collects it, in a form that serialises to JSON. */
public record Inventory(String serverVersion, List<NodeInfo> nodes, List<String> namespaces, PodSummary pods) {

    /** One node: its OS and versions, conditions, taints and allocatable resources. */
    public record NodeInfo(String name, String os, String arch, String osImage, String kernelVersion,
                           String kubeletVersion, String containerRuntime, Map<String, String> conditions,
                           List<String> taints, Map<String, String> allocatable, Map<String, String> labels) {
    }

    /** Pod counts by phase across all namespaces. */
    public record PodSummary(int total, Map<String, Integer> byPhase) {
    }
}
