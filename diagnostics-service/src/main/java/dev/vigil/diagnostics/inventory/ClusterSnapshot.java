package dev.vigil.diagnostics.inventory;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;

/**
 * The cluster objects one diagnostics run reads, taken once so that the inventory, the checks and
 * the archive all describe the same moment.
 */
public record ClusterSnapshot(String serverVersion, List<ApiResource> apiResources, List<Node> nodes,
                              List<Namespace> namespaces, List<Pod> pods, List<DaemonSet> daemonSets,
                              List<Deployment> deployments, List<StatefulSet> statefulSets, List<Job> jobs,
                              List<Event> events) {
    public ClusterSnapshot {
        apiResources = List.copyOf(apiResources);
        nodes = List.copyOf(nodes);
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        daemonSets = List.copyOf(daemonSets);
        deployments = List.copyOf(deployments);
        statefulSets = List.copyOf(statefulSets);
        jobs = List.copyOf(jobs);
        events = List.copyOf(events);
    }

    /** One resource type the API server serves, as {@code kubectl api-resources} lists it. */
    public record ApiResource(String groupVersion, String kind, String name, boolean namespaced) {
    }
}
