package dev.vigil.collector.kubelet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.collector.scrape.MetricSample;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Maps a kubelet Summary API document to the metric names cAdvisor uses, so dashboards written
 * for cAdvisor work unchanged on Linux and Windows nodes alike.
 *
 * <ul>
 * <li>{@code container_cpu_usage_seconds_total} = cpu.usageCoreNanoSeconds / 1e9</li>
 * <li>{@code container_memory_working_set_bytes}, {@code container_memory_rss},
 *     {@code container_memory_usage_bytes} = memory.workingSetBytes, rssBytes, usageBytes</li>
 * <li>{@code container_network_receive_bytes_total} / {@code _transmit_bytes_total} = rxBytes /
 *     txBytes per interface, labelled {@code interface}</li>
 * <li>{@code container_memory_failures_total} = memory.pageFaults / majorPageFaults, labelled
 *     {@code failure_type} pgfault / pgmajfault and {@code scope} container, as cAdvisor counts them</li>
 * <li>{@code container_network_receive_errors_total} / {@code _transmit_errors_total} = rxErrors /
 *     txErrors per interface</li>
 * <li>{@code container_fs_limit_bytes}, {@code container_fs_inodes_free}, {@code container_fs_inodes_total}
 *     = the container's rootfs capacityBytes, inodesFree, inodes (the file system its writable
 *     layer is on, as cAdvisor reports the device's)</li>
 * <li>{@code container_fs_usage_bytes} = rootfs.usedBytes + logs.usedBytes: the container's
 *     writable layer plus its logs, which is what the kubelet charges to the container's
 *     ephemeral storage (cAdvisor reports the writable layer per device; the sum is the figure
 *     eviction and quotas act on)</li>
 * </ul>
 *
 * <p>Pod-level series carry the same names with no {@code container} label (container=""),
 * which is how cAdvisor labels a pod's own cgroup: {@code sum by (pod)} over {@code container!=""}
 * and the pod series agree, and dashboards that filter {@code container!=""} skip them. Network
 * counters exist only per pod (containers share the sandbox's network namespace), so they are
 * pod-level only; cAdvisor's {@code container="POD"} for the sandbox is not invented here
 * because the Summary API does not report the sandbox as a container. Pod fs usage is the pod's
 * ephemeral-storage figure (volumes included) when the kubelet reports it.
 *
 * <p>Windows: HCS does not measure RSS, so {@code container_memory_rss} is never emitted for
 * Windows nodes, and the zeros the kubelet puts in pod-level usageBytes there are dropped rather
 * than published as real zeros. Every series carries {@code namespace}, {@code pod},
 * {@code node} and {@code os}; timestamps are each stats block's {@code time}.
 */
public final class SummaryMapper {
    public static final String CPU = "container_cpu_usage_seconds_total";
    public static final String WORKING_SET = "container_memory_working_set_bytes";
    public static final String RSS = "container_memory_rss";
    public static final String MEMORY_USAGE = "container_memory_usage_bytes";
    public static final String RX = "container_network_receive_bytes_total";
    public static final String TX = "container_network_transmit_bytes_total";
    public static final String FS_USAGE = "container_fs_usage_bytes";
    public static final String FS_LIMIT = "container_fs_limit_bytes";
    public static final String FS_INODES_FREE = "container_fs_inodes_free";
    public static final String FS_INODES = "container_fs_inodes_total";
    public static final String MEMORY_FAILURES = "container_memory_failures_total";
    public static final String RX_ERRORS = "container_network_receive_errors_total";
    public static final String TX_ERRORS = "container_network_transmit_errors_total";

    /** Each family's TYPE, as cAdvisor declares it (container_fs_inodes_total is a gauge despite its name). */
    public static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry(CPU, "counter"), Map.entry(WORKING_SET, "gauge"), Map.entry(RSS, "gauge"), Map.entry(MEMORY_USAGE, "gauge"),
            Map.entry(RX, "counter"), Map.entry(TX, "counter"), Map.entry(FS_USAGE, "gauge"), Map.entry(FS_LIMIT, "gauge"),
            Map.entry(FS_INODES_FREE, "gauge"), Map.entry(FS_INODES, "gauge"), Map.entry(MEMORY_FAILURES, "counter"),
            Map.entry(RX_ERRORS, "counter"), Map.entry(TX_ERRORS, "counter"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final NodeOs os;
    private final Clock clock;

    /** @param clock timestamps blocks that lack a {@code time} field */
    public SummaryMapper(String node, NodeOs os, Clock clock) {
        this.node = node;
        this.os = os;
        this.clock = clock;
    }

    /** The samples for every pod and container in the document. */
    public List<MetricSample> map(String summaryJson) throws KubeletStatsException {
        JsonNode root;
        try {
            root = JSON.readTree(summaryJson);
        } catch (JsonProcessingException e) {
            throw new KubeletStatsException("kubelet summary is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("pods").isArray() && !root.path("pods").isMissingNode()) {
            throw new KubeletStatsException("kubelet summary has no 'pods' array; is the endpoint /stats/summary?");
        }
        List<MetricSample> out = new ArrayList<>();
        for (JsonNode pod : root.path("pods")) {
            String namespace = pod.path("podRef").path("namespace").asText("");
            String name = pod.path("podRef").path("name").asText("");
            if (namespace.isEmpty() || name.isEmpty()) {
                continue;
            }
            Labels podLabels = Labels.of("namespace", namespace, "pod", name, "node", node, "os", os.label());
            double containersFs = 0;
            boolean anyContainerFs = false;
            for (JsonNode c : pod.path("containers")) {
                Labels labels = podLabels.toBuilder().set("container", c.path("name").asText("")).build();
                cpuAndMemory(c, labels, out);
                JsonNode rootfs = c.path("rootfs");
                long rootfsTime = time(rootfs);
                number(rootfs, "capacityBytes").ifPresent(v -> out.add(sample(FS_LIMIT, labels, rootfsTime, v)));
                number(rootfs, "inodesFree").ifPresent(v -> out.add(sample(FS_INODES_FREE, labels, rootfsTime, v)));
                number(rootfs, "inodes").ifPresent(v -> out.add(sample(FS_INODES, labels, rootfsTime, v)));
                OptionalDouble fs = containerFs(c);
                if (fs.isPresent()) {
                    out.add(sample(FS_USAGE, labels, rootfs.has("time") ? rootfsTime : time(c.path("logs")), fs.getAsDouble()));
                    containersFs += fs.getAsDouble();
                    anyContainerFs = true;
                }
            }
            cpuAndMemory(pod, podLabels, out);
            network(pod.path("network"), podLabels, out);
            JsonNode eph = pod.path("ephemeral-storage");
            if (number(eph, "usedBytes").isPresent()) {
                out.add(sample(FS_USAGE, podLabels, time(eph), number(eph, "usedBytes").getAsDouble()));
            } else if (anyContainerFs) {
                out.add(sample(FS_USAGE, podLabels, time(pod.path("cpu")), containersFs));
            }
        }
        return out;
    }

    private void cpuAndMemory(JsonNode stats, Labels labels, List<MetricSample> out) {
        JsonNode cpu = stats.path("cpu");
        number(cpu, "usageCoreNanoSeconds").ifPresent(v -> out.add(sample(CPU, labels, time(cpu), v / 1e9)));
        JsonNode mem = stats.path("memory");
        long t = time(mem);
        number(mem, "workingSetBytes").ifPresent(v -> out.add(sample(WORKING_SET, labels, t, v)));
        if (os != NodeOs.WINDOWS) {
            // HCS measures neither RSS nor page faults: a Windows kubelet's zeros there are placeholders
            number(mem, "rssBytes").ifPresent(v -> out.add(sample(RSS, labels, t, v)));
            number(mem, "pageFaults").ifPresent(v -> out.add(sample(MEMORY_FAILURES,
                    labels.toBuilder().set("failure_type", "pgfault").set("scope", "container").build(), t, v)));
            number(mem, "majorPageFaults").ifPresent(v -> out.add(sample(MEMORY_FAILURES,
                    labels.toBuilder().set("failure_type", "pgmajfault").set("scope", "container").build(), t, v)));
        }
        number(mem, "usageBytes")
                .ifPresent(v -> {
                    if (os != NodeOs.WINDOWS || v > 0) {
                        out.add(sample(MEMORY_USAGE, labels, t, v));
                    }
                });
    }

    private void network(JsonNode net, Labels podLabels, List<MetricSample> out) {
        if (net.isMissingNode()) {
            return;
        }
        long t = time(net);
        JsonNode interfaces = net.path("interfaces");
        if (interfaces.isArray() && interfaces.size() > 0) {
            for (JsonNode i : interfaces) {
                networkInterface(i, podLabels, t, out);
            }
        } else if (!net.path("name").asText("").isEmpty()) {
            networkInterface(net, podLabels, t, out);
        }
    }

    private void networkInterface(JsonNode i, Labels podLabels, long t, List<MetricSample> out) {
        Labels labels = podLabels.toBuilder().set("interface", i.path("name").asText("")).build();
        number(i, "rxBytes").ifPresent(v -> out.add(sample(RX, labels, t, v)));
        number(i, "txBytes").ifPresent(v -> out.add(sample(TX, labels, t, v)));
        number(i, "rxErrors").ifPresent(v -> out.add(sample(RX_ERRORS, labels, t, v)));
        number(i, "txErrors").ifPresent(v -> out.add(sample(TX_ERRORS, labels, t, v)));
    }

    private static OptionalDouble containerFs(JsonNode c) {
        OptionalDouble root = number(c.path("rootfs"), "usedBytes");
        OptionalDouble logs = number(c.path("logs"), "usedBytes");
        if (root.isEmpty() && logs.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(root.orElse(0) + logs.orElse(0));
    }

    private static OptionalDouble number(JsonNode block, String field) {
        JsonNode v = block.path(field);
        return v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    private long time(JsonNode block) {
        String t = block.path("time").asText("");
        if (!t.isEmpty()) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through to the clock: a bad time must not drop the figures
            }
        }
        return clock.millis();
    }

    private static MetricSample sample(String name, Labels labels, long t, double v) {
        return new MetricSample(labels.toBuilder().set(Labels.METRIC_NAME, name).build(), t, v);
    }
}
