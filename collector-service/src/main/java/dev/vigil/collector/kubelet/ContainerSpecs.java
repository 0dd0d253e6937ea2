package dev.vigil.collector.kubelet;

import dev.vigil.collector.scrape.MetricSample;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cAdvisor's {@code container_spec_*} series, which the Summary API does not carry, from the pod
 * specs of this node's running pods, as the kubelet turns a container's resources into cgroup
 * settings ({@code MilliCPUToShares}, {@code MilliCPUToQuota}, a 100 ms CFS period):
 * <ul>
 * <li>{@code container_spec_cpu_shares}: requests.cpu × 1024 (at least 2, and 2 without a request);</li>
 * <li>{@code container_spec_cpu_quota}: limits.cpu × 100,000 µs per period (at least 1,000), only
 *     for a container with a CPU limit, as cAdvisor writes it only for a set quota;</li>
 * <li>{@code container_spec_cpu_period}: 100,000;</li>
 * <li>{@code container_spec_memory_limit_bytes}: limits.memory, 0 without a limit.</li>
 * </ul>
 * The CPU series are the Linux CFS settings and are Linux only; a Windows node has no CFS (its
 * job objects cap CPU another way) and gets the memory limit alone. Labels as the container
 * series from the Summary API: namespace, pod, container, node, os. On a cgroup v2 node cAdvisor
 * reads shares back from the cgroup's weight, a lossy conversion (a 100m request reads as 80,
 * not 102); these are the values the kubelet asked for.
 */
public final class ContainerSpecs {
    public static final String CPU_SHARES = "container_spec_cpu_shares";
    public static final String CPU_QUOTA = "container_spec_cpu_quota";
    public static final String CPU_PERIOD = "container_spec_cpu_period";
    public static final String MEMORY_LIMIT = "container_spec_memory_limit_bytes";
    /** Each family's TYPE and HELP, as cAdvisor declares them. */
    public static final Map<String, String[]> FAMILIES = Map.of(
            CPU_SHARES, new String[] {"gauge", "CPU share of the container."},
            CPU_QUOTA, new String[] {"gauge", "CPU quota of the container."},
            CPU_PERIOD, new String[] {"gauge", "CPU period of the container."},
            MEMORY_LIMIT, new String[] {"gauge", "Memory limit for the container."});

    private static final long PERIOD_US = 100_000;
    private static final long MIN_SHARES = 2;
    private static final long MIN_QUOTA_US = 1_000;

    private ContainerSpecs() {
    }

    /** The spec series of every container of the running pods given (this node's), at {@code timestampMs}. */
    public static List<MetricSample> of(List<Pod> pods, String node, NodeOs os, long timestampMs) {
        List<MetricSample> out = new ArrayList<>();
        for (Pod pod : pods) {
            if (pod.getMetadata() == null || pod.getSpec() == null || pod.getStatus() == null
                    || !"Running".equals(pod.getStatus().getPhase())) {
                continue; // cAdvisor sees running containers only
            }
            Labels podLabels = Labels.of("namespace", nz(pod.getMetadata().getNamespace()), "pod", nz(pod.getMetadata().getName()),
                    "node", node, "os", os.label());
            for (Container c : Optional.ofNullable(pod.getSpec().getContainers()).orElse(List.of())) {
                Labels labels = podLabels.toBuilder().set("container", nz(c.getName())).build();
                ResourceRequirements r = Optional.ofNullable(c.getResources()).orElseGet(ResourceRequirements::new);
                Optional<BigDecimal> cpuLimit = quantity(r.getLimits(), "cpu");
                if (os == NodeOs.LINUX) {
                    long requestMilli = quantity(r.getRequests(), "cpu").or(() -> cpuLimit).map(ContainerSpecs::milli).orElse(0L);
                    out.add(sample(CPU_SHARES, labels, timestampMs, Math.max(MIN_SHARES, requestMilli * 1024 / 1000)));
                    out.add(sample(CPU_PERIOD, labels, timestampMs, PERIOD_US));
                    cpuLimit.map(ContainerSpecs::milli).filter(m -> m > 0)
                            .ifPresent(m -> out.add(sample(CPU_QUOTA, labels, timestampMs, Math.max(MIN_QUOTA_US, m * PERIOD_US / 1000))));
                }
                out.add(sample(MEMORY_LIMIT, labels, timestampMs,
                        quantity(r.getLimits(), "memory").map(BigDecimal::doubleValue).orElse(0.0)));
            }
        }
        return out;
    }

    private static Optional<BigDecimal> quantity(Map<String, Quantity> resources, String name) {
        if (resources == null || resources.get(name) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Quantity.getAmountInBytes(resources.get(name)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty(); // the API server validates quantities; a value it let through but is unreadable here is left out
        }
    }

    /** Cores to millicores, rounded up as the API's MilliValue does. */
    private static long milli(BigDecimal cores) {
        return cores.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    private static MetricSample sample(String name, Labels labels, long t, double v) {
        return new MetricSample(labels.toBuilder().set(Labels.METRIC_NAME, name).build(), t, v);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
