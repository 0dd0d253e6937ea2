package dev.vigil.diagnostics.inventory;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the cluster inventory through the Kubernetes API. A node's OS comes from
 * {@code status.nodeInfo.operatingSystem}, falling back to the {@code kubernetes.io/os} label.
 */
public final class InventoryCollector {
    /** The most recent Warning events kept; older ones are in the archive's raw event dump. */
    public static final int MAX_WARNING_EVENTS = 100;

    private final KubernetesClient client;

    public InventoryCollector(KubernetesClient client) {
        this.client = client;
    }

    public Inventory collect() {
        return summarise(new ClusterReader(client).read());
    }

    /** The inventory of an already read snapshot. */
    public static Inventory summarise(ClusterSnapshot s) {
        List<Inventory.NodeInfo> nodes = s.nodes().stream().map(InventoryCollector::node).toList();
        List<String> namespaces = s.namespaces().stream().map(n -> n.getMetadata().getName()).sorted().toList();
        Map<String, Integer> phases = new TreeMap<>();
        for (Pod p : s.pods()) {
            phases.merge(phase(p), 1, Integer::sum);
        }
        List<Inventory.WorkloadInfo> workloads = new ArrayList<>();
        for (DaemonSet d : s.daemonSets()) {
            var st = d.getStatus();
            workloads.add(workload("DaemonSet", d.getMetadata().getNamespace(), d.getMetadata().getName(), d.getSpec().getTemplate().getSpec(),
                    st == null ? 0 : nz(st.getDesiredNumberScheduled()), st == null ? 0 : nz(st.getNumberReady())));
        }
        for (Deployment d : s.deployments()) {
            var st = d.getStatus();
            workloads.add(workload("Deployment", d.getMetadata().getNamespace(), d.getMetadata().getName(), d.getSpec().getTemplate().getSpec(),
                    nz(d.getSpec().getReplicas()), st == null ? 0 : nz(st.getReadyReplicas())));
        }
        for (StatefulSet d : s.statefulSets()) {
            var st = d.getStatus();
            workloads.add(workload("StatefulSet", d.getMetadata().getNamespace(), d.getMetadata().getName(), d.getSpec().getTemplate().getSpec(),
                    nz(d.getSpec().getReplicas()), st == null ? 0 : nz(st.getReadyReplicas())));
        }
        for (Job d : s.jobs()) {
            var st = d.getStatus();
            workloads.add(workload("Job", d.getMetadata().getNamespace(), d.getMetadata().getName(), d.getSpec().getTemplate().getSpec(),
                    d.getSpec().getCompletions() == null ? 1 : d.getSpec().getCompletions(), st == null ? 0 : nz(st.getSucceeded())));
        }
        List<Inventory.PodInfo> pods = s.pods().stream().map(InventoryCollector::pod).toList();
        List<Inventory.EventInfo> events = s.events().stream().filter(e -> "Warning".equals(e.getType()))
                .sorted(Comparator.comparing(InventoryCollector::lastSeen).reversed())
                .limit(MAX_WARNING_EVENTS).map(InventoryCollector::event).toList();
        return new Inventory(s.serverVersion(), s.apiResources(), nodes, namespaces,
                new Inventory.PodSummary(s.pods().size(), phases), workloads, pods, events);
    }

    static Inventory.NodeInfo node(Node n) {
        Map<String, String> labels = Optional.ofNullable(n.getMetadata().getLabels()).map(TreeMap::new).orElseGet(TreeMap::new);
        NodeSystemInfo info = n.getStatus() == null ? null : n.getStatus().getNodeInfo();
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
                taints.add(Scheduling.describe(t));
            }
        }
        Map<String, String> allocatable = new TreeMap<>();
        if (n.getStatus() != null && n.getStatus().getAllocatable() != null) {
            for (Map.Entry<String, Quantity> e : n.getStatus().getAllocatable().entrySet()) {
                allocatable.put(e.getKey(), e.getValue().toString());
            }
        }
        return new Inventory.NodeInfo(n.getMetadata().getName(), Scheduling.nodeOs(n), arch,
                info == null ? "" : nz(info.getOsImage()), info == null ? "" : nz(info.getKernelVersion()),
                info == null ? "" : nz(info.getKubeletVersion()), info == null ? "" : nz(info.getContainerRuntimeVersion()),
                conditions, taints, allocatable, labels);
    }

    static Inventory.PodInfo pod(Pod p) {
        List<String> reasons = new ArrayList<>();
        String message = "";
        for (ContainerStatus cs : containerStatuses(p)) {
            if (cs.getState() == null) {
                continue;
            }
            if (cs.getState().getWaiting() != null) {
                reasons.add(cs.getName() + ": " + nz(cs.getState().getWaiting().getReason()));
                message = message.isEmpty() ? nz(cs.getState().getWaiting().getMessage()) : message;
            } else if (cs.getState().getTerminated() != null && !"Completed".equals(cs.getState().getTerminated().getReason())) {
                reasons.add(cs.getName() + ": " + nz(cs.getState().getTerminated().getReason()));
                message = message.isEmpty() ? nz(cs.getState().getTerminated().getMessage()) : message;
            }
        }
        if (message.isEmpty() && p.getStatus() != null) {
            message = nz(p.getStatus().getMessage());
        }
        return new Inventory.PodInfo(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                p.getSpec() == null ? "" : nz(p.getSpec().getNodeName()), phase(p), reasons, message);
    }

    /** Init and app container statuses of a pod, never null. */
    public static List<ContainerStatus> containerStatuses(Pod p) {
        List<ContainerStatus> out = new ArrayList<>();
        if (p.getStatus() != null) {
            Optional.ofNullable(p.getStatus().getInitContainerStatuses()).ifPresent(out::addAll);
            Optional.ofNullable(p.getStatus().getContainerStatuses()).ifPresent(out::addAll);
        }
        return out;
    }

    /** A pod's phase, "Unknown" when the status has none. */
    public static String phase(Pod p) {
        return p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase();
    }

    private static Inventory.WorkloadInfo workload(String kind, String ns, String name, io.fabric8.kubernetes.api.model.PodSpec spec,
                                                   int desired, int ready) {
        List<String> tolerations = Optional.ofNullable(spec.getTolerations()).orElse(List.of()).stream()
                .map(InventoryCollector::toleration).toList();
        return new Inventory.WorkloadInfo(kind, ns, name, List.copyOf(Scheduling.osConstraint(spec)), tolerations, desired, ready);
    }

    private static String toleration(Toleration t) {
        String key = t.getKey() == null || t.getKey().isEmpty() ? "*" : t.getKey();
        String value = "Exists".equals(t.getOperator()) ? "" : "=" + nz(t.getValue());
        return key + value + ":" + (t.getEffect() == null || t.getEffect().isEmpty() ? "*" : t.getEffect());
    }

    private static Inventory.EventInfo event(Event e) {
        String object = e.getInvolvedObject() == null ? ""
                : nz(e.getInvolvedObject().getKind()) + "/" + nz(e.getInvolvedObject().getName());
        return new Inventory.EventInfo(nz(e.getMetadata().getNamespace()), object, nz(e.getReason()), nz(e.getMessage()),
                e.getCount() == null ? 1 : e.getCount(), lastSeen(e));
    }

    private static String lastSeen(Event e) {
        // RFC 3339 timestamps in UTC compare correctly as strings
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        return nz(e.getMetadata().getCreationTimestamp());
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
