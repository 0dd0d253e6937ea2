package dev.vigil.collector.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.scrape.Exposition;
import dev.vigil.collector.scrape.ExpositionFormat;
import dev.vigil.collector.scrape.ExpositionParser;
import dev.vigil.collector.scrape.MetricSample;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * container_spec_* from pod specs as the kubelet sets the cgroups: shares from the CPU request,
 * quota from the CPU limit, a 100 ms period, the memory limit; CPU series on Linux only; named,
 * typed and described as cAdvisor does (its test output, for the CPU families it prints there).
 */
class ContainerSpecsTest {
    private static Pod pod(String phase) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("cart-1").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app")
                .withNewResources().addToRequests("cpu", new Quantity("250m")).addToLimits("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("256Mi")).endResources().endContainer()
                .addNewContainer().withName("sidecar").endContainer()
                .addNewContainer().withName("capped").withNewResources().addToLimits("cpu", new Quantity("1")).endResources().endContainer()
                .endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    private static Map<String, Double> byName(List<MetricSample> samples, String container) {
        Map<String, Double> out = new TreeMap<>();
        samples.stream().filter(s -> s.labels().get("container").equals(container))
                .forEach(s -> out.put(s.labels().metricName(), s.value()));
        return out;
    }

    @Test
    void linuxContainersGetTheCgroupSettingsTheKubeletMakesOfTheirResources() {
        List<MetricSample> s = ContainerSpecs.of(List.of(pod("Running")), "node-1", NodeOs.LINUX, 1_000);
        assertEquals(Map.of(ContainerSpecs.CPU_SHARES, 256.0, ContainerSpecs.CPU_PERIOD, 100_000.0, ContainerSpecs.CPU_QUOTA, 50_000.0,
                ContainerSpecs.MEMORY_LIMIT, 268_435_456.0), byName(s, "app"));
        assertEquals(Map.of(ContainerSpecs.CPU_SHARES, 2.0, ContainerSpecs.CPU_PERIOD, 100_000.0, ContainerSpecs.MEMORY_LIMIT, 0.0),
                byName(s, "sidecar"), "no request: the minimum shares; no limit: no quota, memory 0");
        assertEquals(1024.0, byName(s, "capped").get(ContainerSpecs.CPU_SHARES), "a limit without a request requests the limit");
        assertEquals(100_000.0, byName(s, "capped").get(ContainerSpecs.CPU_QUOTA));
        assertEquals(Labels.of("__name__", ContainerSpecs.CPU_SHARES, "namespace", "shop", "pod", "cart-1", "container", "app",
                "node", "node-1", "os", "linux"), s.get(0).labels());
        assertEquals(1_000, s.get(0).timestampMs());
    }

    @Test
    void windowsContainersGetTheMemoryLimitAloneAndPodsNotRunningNothing() {
        List<MetricSample> s = ContainerSpecs.of(List.of(pod("Running")), "win-1", NodeOs.WINDOWS, 1_000);
        assertEquals(Map.of(ContainerSpecs.MEMORY_LIMIT, 268_435_456.0), byName(s, "app"));
        assertTrue(s.stream().allMatch(x -> x.labels().get("os").equals("windows")));
        assertEquals(List.of(), ContainerSpecs.of(List.of(pod("Pending"), pod("Succeeded")), "node-1", NodeOs.LINUX, 1_000));
    }

    @Test
    void theCpuFamiliesAreCadvisorsOwn() throws Exception {
        Exposition cadvisor = ExpositionParser.parse(CadvisorNamesTest.resource("/fixtures/cadvisor/prometheus_metrics.txt"),
                ExpositionFormat.PROMETHEUS_TEXT);
        for (String name : List.of(ContainerSpecs.CPU_SHARES, ContainerSpecs.CPU_QUOTA, ContainerSpecs.CPU_PERIOD)) {
            assertEquals(cadvisor.metadata().get(name).type(), ContainerSpecs.FAMILIES.get(name)[0], name);
            assertEquals(cadvisor.metadata().get(name).help(), ContainerSpecs.FAMILIES.get(name)[1], name);
        }
    }
}
