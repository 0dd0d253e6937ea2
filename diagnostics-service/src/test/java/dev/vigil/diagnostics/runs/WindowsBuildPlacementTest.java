package dev.vigil.diagnostics.runs;

import dev.vigil.diagnostics.PluginFixtures;
import dev.vigil.diagnostics.plugins.PluginDefinition;
import dev.vigil.diagnostics.plugins.PluginDefinitions;
import dev.vigil.diagnostics.plugins.PluginWorkloads;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster with Windows Server 2019 and 2022 nodes: the worker image, and a process-isolated
 * container, must match the node's build, so a DaemonSet plugin gets one workload per build with
 * that build's worker image, pinned through the kubelet's build label.
 */
class WindowsBuildPlacementTest {
    private static final List<String> IMAGES = List.of("10.0.17763=worker:ltsc2019", "10.0.20348=worker:ltsc2022");

    private static Node windows(String name, String kernel, boolean labelled) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/os", "windows").endMetadata()
                .withNewStatus().withNewNodeInfo().withOperatingSystem("windows").withKernelVersion(kernel).endNodeInfo().endStatus();
        if (labelled) {
            b.editMetadata().addToLabels("node.kubernetes.io/windows-build", kernel.substring(0, kernel.lastIndexOf('.'))).endMetadata();
        }
        return b.build();
    }

    private static Node linux(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/os", "linux").endMetadata()
                .withNewStatus().withNewNodeInfo().withOperatingSystem("linux").endNodeInfo().endStatus().build();
    }

    private static Map<String, List<Node>> cluster(boolean labelled) {
        Map<String, List<Node>> byOs = new TreeMap<>();
        byOs.put("linux", List.of(linux("linux-1")));
        byOs.put("windows", List.of(windows("win2019", "10.0.17763.5329", labelled), windows("win2022-a", "10.0.20348.2227", labelled),
                windows("win2022-b", "10.0.20348.2402", labelled)));
        return byOs;
    }

    @Test
    void aDaemonSetPluginGetsOneWorkloadPerWindowsBuildWithThatBuildsWorker() {
        PluginDefinition smoke = PluginDefinitions.parse(PluginFixtures.SMOKE_PLUGIN);
        List<RunWorkflow.Placement> p = RunWorkflow.placements(smoke, cluster(true));
        assertEquals(3, p.size(), p.toString());
        assertEquals(new RunWorkflow.Placement("linux", cluster(true).get("linux"), "", false), p.get(0));
        assertEquals("10.0.17763", p.get(1).build());
        assertEquals(List.of("win2019"), p.get(1).nodes().stream().map(n -> n.getMetadata().getName()).toList());
        assertEquals(List.of("win2022-a", "win2022-b"), p.get(2).nodes().stream().map(n -> n.getMetadata().getName()).toList());
        assertTrue(p.get(1).pinned() && p.get(2).pinned());
        assertEquals("worker:ltsc2019", RunWorkflow.windowsWorkerImage(IMAGES, "worker:default", p.get(1).build()));
        assertEquals("worker:ltsc2022", RunWorkflow.windowsWorkerImage(IMAGES, "worker:default", p.get(2).build()));
        assertEquals("worker:default", RunWorkflow.windowsWorkerImage(IMAGES, "worker:default", "10.0.26100"));

        DaemonSet ds = (DaemonSet) PluginWorkloads.build(smoke, new PluginWorkloads.Target("ab12", "windows", "vigil-node", "http://svc",
                "worker:ltsc2019", p.get(1).nodes(), "tok", "v1.29.4", p.get(1).build()));
        assertEquals("vigil-smoke-windows-17763-ab12", ds.getMetadata().getName());
        Map<String, String> selector = ds.getSpec().getTemplate().getSpec().getNodeSelector();
        assertEquals("10.0.17763", selector.get("node.kubernetes.io/windows-build"));
        assertEquals("windows", selector.get("kubernetes.io/os"));
        assertEquals("worker:ltsc2019", ds.getSpec().getTemplate().getSpec().getContainers().get(1).getImage());
    }

    @Test
    void withoutTheBuildLabelOneWorkloadGetsTheCommonBuildsWorkerAndIsNotPinned() {
        PluginDefinition smoke = PluginDefinitions.parse(PluginFixtures.SMOKE_PLUGIN);
        List<RunWorkflow.Placement> p = RunWorkflow.placements(smoke, cluster(false));
        assertEquals(2, p.size(), p.toString());
        assertEquals("10.0.20348", p.get(1).build(), "the build most Windows nodes run, from their kernel versions");
        assertFalse(p.get(1).pinned(), "nothing to select on");
        assertEquals(3, p.get(1).nodes().size());
    }

    @Test
    void aJobPluginRunsOnceOnTheCommonBuildPinnedToIt() {
        PluginDefinition job = PluginDefinitions.parse(PluginFixtures.SLOW_JOB_PLUGIN);
        List<RunWorkflow.Placement> p = RunWorkflow.placements(job, cluster(true));
        RunWorkflow.Placement windows = p.stream().filter(x -> x.os().equals("windows")).findFirst().orElseThrow();
        assertEquals("10.0.20348", windows.build());
        assertTrue(windows.pinned(), "the Job's worker image matches only that build");
    }
}
