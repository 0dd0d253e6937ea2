package dev.vigil.diagnostics.inventory;

import java.util.List;
import java.util.Map;

/**
 * What the cluster is made of, as Sonobuoy's query collects it, in a form that serialises to JSON:
 * versions, API resources, nodes, namespaces, workloads with their OS selectors, pods with their
 * status and the recent Warning events.
 */
public record Inventory(String serverVersion, List<ClusterSnapshot.ApiResource> apiResources, List<NodeInfo> nodes,
                        List<String> namespaces, PodSummary pods, List<WorkloadInfo> workloads,
                        List<PodInfo> podList, List<EventInfo> warningEvents) {

    /** One node: its OS and versions, conditions, taints and allocatable resources. */
    public record NodeInfo(String name, String os, String arch, String osImage, String kernelVersion,
                           String kubeletVersion, String containerRuntime, Map<String, String> conditions,
                           List<String> taints, Map<String, String> allocatable, Map<String, String> labels) {
    }

    /** Pod counts by phase across all namespaces. */
    public record PodSummary(int total, Map<String, Integer> byPhase) {
    }

    /**
     * A DaemonSet, Deployment, StatefulSet or Job: {@code osSelector} lists the OSes its node selector or
     * required affinity allows (empty when it can go anywhere); desired/ready count pods.
     */
    public record WorkloadInfo(String kind, String namespace, String name, List<String> osSelector,
                               List<String> tolerations, int desired, int ready) {
    }

    /** A pod with its phase and, per container not running, the waiting or terminated reason and message. */
    public record PodInfo(String namespace, String name, String node, String phase, List<String> reasons, String message) {
    }

    /** A Warning event: the object it is about, reason, message, how often and when last. */
    public record EventInfo(String namespace, String object, String reason, String message, int count, String lastSeen) {
    }
}
