package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.MixedCluster;
import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltInChecksTest {
    private static final Instant NOW = Instant.parse("2026-11-25T22:00:00Z");

    static Stream<Arguments> fixtureOutcomes() {
        return Stream.of(
                Arguments.of(new NodesReadyCheck(), Status.PASSED, List.of(), "all 4 nodes are Ready"),
                Arguments.of(new WindowsTaintCheck(), Status.PASSED, List.of(), "Windows nodes carry"),
                Arguments.of(new OsSelectorCheck(), Status.FAILED, List.of("DaemonSet monitoring/node-agent"),
                        "would land on linux (linux-1, linux-2) and windows (win-1, win-2)"),
                Arguments.of(new ImageOsMismatchCheck(), Status.FAILED, List.of("Pod shop/web-win-7c9f"),
                        "nodeSelector: {kubernetes.io/os: linux}"),
                Arguments.of(new KubeSystemPodsCheck(), Status.FAILED, List.of("Pod kube-system/coredns-5d78c9869d-x2x7q"),
                        "CrashLoopBackOff (12 restarts)"),
                Arguments.of(new KubeletSkewCheck(), Status.PASSED, List.of(), "within 3 minor versions"),
                Arguments.of(new CollectorCoverageCheck(Map.of("linux-1", NOW, "linux-2", NOW, "win-1", NOW.minusSeconds(3600)),
                        NOW, Duration.ofMinutes(10)), Status.FAILED, List.of("win-1", "win-2"), "win-2 (windows, never)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureOutcomes")
    void checksOnTheMixedFixture(Check check, Status status, List<String> subjects, String messagePart) {
        CheckResult r = check.run(MixedCluster.snapshot());
        assertEquals(status, r.status(), r.message());
        assertEquals(subjects, r.subjects());
        assertTrue(r.message().contains(messagePart), r.message());
    }

    static Stream<Arguments> kubeletSkew() {
        return Stream.of(
                Arguments.of("v1.29.4", "v1.26.9", Status.PASSED),
                Arguments.of("v1.29.4", "v1.25.0", Status.FAILED),
                Arguments.of("v1.27.3", "v1.25.1", Status.PASSED),
                Arguments.of("v1.27.3", "v1.24.0", Status.FAILED),
                Arguments.of("v1.29.4", "v1.30.0", Status.FAILED),
                Arguments.of("v1.28.2-eks-1", "v1.25.16-eks-a", Status.PASSED),
                Arguments.of("unknown", "v1.29.0", Status.SKIPPED));
    }

    @ParameterizedTest(name = "server {0} kubelet {1} -> {2}")
    @MethodSource("kubeletSkew")
    void kubeletSkewFollowsTheSupportedRangeOfTheServerVersion(String server, String kubelet, Status expected) {
        Node node = new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewStatus().withNewNodeInfo().withKubeletVersion(kubelet).endNodeInfo().endStatus().build();
        ClusterSnapshot s = new ClusterSnapshot(server, List.of(), List.of(node), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of());
        assertEquals(expected, new KubeletSkewCheck().run(s).status());
    }

    @Test
    void untaintedWindowsNodeFailsWhileAWorkloadHasNoSelector() {
        List<Node> nodes = new ArrayList<>(MixedCluster.nodes());
        nodes.replaceAll(n -> n.getMetadata().getName().equals("win-2")
                ? new NodeBuilder(n).editSpec().withTaints(List.of()).endSpec().build() : n);
        ClusterSnapshot s = new ClusterSnapshot("v1.29.4", List.of(), nodes, List.of(), List.of(), List.of(MixedCluster.nodeAgent()),
                List.of(), List.of(), List.of(), List.of());
        CheckResult r = new WindowsTaintCheck().run(s);
        assertEquals(Status.FAILED, r.status());
        assertEquals(List.of("win-2"), r.subjects());
        assertTrue(r.message().contains("kubectl taint nodes <name> os=windows:NoSchedule"), r.message());
    }

    @Test
    void workloadKeptOffWindowsOnlyByTaintsIsAWarning() {
        var ds = new DaemonSetBuilder(MixedCluster.nodeAgent()).editSpec().editTemplate().editSpec().withTolerations(List.of())
                .endSpec().endTemplate().endSpec().build();
        ClusterSnapshot s = new ClusterSnapshot("v1.29.4", List.of(), MixedCluster.nodes(), List.of(), List.of(), List.of(ds),
                List.of(), List.of(), List.of(), List.of());
        CheckResult r = new OsSelectorCheck().run(s);
        assertEquals(Status.WARNING, r.status());
        assertEquals(List.of("DaemonSet monitoring/node-agent"), r.subjects());
    }

    @Test
    void aCheckThatThrowsReportsFailedAndTheOthersStillRun() {
        Check broken = new Check() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public CheckResult run(ClusterSnapshot snapshot) {
                throw new IllegalStateException("boom");
            }
        };
        List<CheckResult> results = BuiltInChecks.run(List.of(broken, new NodesReadyCheck()), MixedCluster.snapshot());
        assertEquals(Status.FAILED, results.get(0).status());
        assertTrue(results.get(0).message().contains("boom"));
        assertEquals(Status.PASSED, results.get(1).status());
    }
}
