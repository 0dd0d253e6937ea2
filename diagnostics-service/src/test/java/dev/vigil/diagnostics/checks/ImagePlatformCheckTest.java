package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.registry.RegistryClient;
import dev.vigil.diagnostics.registry.RegistryCredentials;
import dev.vigil.diagnostics.registry.RegistryStub;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image-platform lint from manifest data alone: no pod has failed in these snapshots; the
 * registry stub serves Docker Hub's real {@code hello-world:nanoserver} list (Windows 10.0.17763
 * only) and a Linux-only list.
 */
class ImagePlatformCheckTest {
    private static Node node(String name, String os, String build) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/os", os)
                .addToLabels("kubernetes.io/arch", "amd64").endMetadata();
        if (!build.isEmpty()) {
            b.editMetadata().addToLabels("node.kubernetes.io/windows-build", build).endMetadata();
        }
        return b.withNewStatus().withNewNodeInfo().withOperatingSystem(os).withArchitecture("amd64").endNodeInfo().endStatus().build();
    }

    private static Deployment deployment(String name, Map<String, String> selector, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withNodeSelector(selector)
                .addNewToleration().withKey("os").withOperator("Equal").withValue("windows").withEffect("NoSchedule").endToleration()
                .addNewContainer().withName(name).withImage(image).endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static ClusterSnapshot snapshot(List<Deployment> deployments, List<DaemonSet> daemonSets) {
        List<Node> nodes = List.of(node("linux-1", "linux", ""), node("win-2019", "windows", "10.0.17763"),
                node("win-2022", "windows", "10.0.20348"));
        return new ClusterSnapshot("v1.29.4", List.of(), nodes, List.of(), List.of(), daemonSets, deployments, List.of(), List.of(), List.of());
    }

    @Test
    void flagsImagesWithNoVariantForANodeTheirWorkloadCanReach() throws Exception {
        try (RegistryStub registry = new RegistryStub()) {
            String linuxOnly = registry.host() + "/team/linux-tool:1.0";
            String nanoserver = registry.host() + "/library/hello-world:nanoserver";
            RegistryCredentials secret = RegistryCredentials.fromDockerConfig(("{\"auths\":{\"" + registry.host() + "\":{\"username\":\""
                    + RegistryStub.USER + "\",\"password\":\"" + RegistryStub.PASSWORD + "\"}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ImagePlatformCheck check = new ImagePlatformCheck(new RegistryClient(Duration.ofSeconds(5), secret, Set.of(registry.host())));

            CheckResult r = check.run(snapshot(List.of(
                    deployment("tool", Map.of(), linuxOnly),                                   // no OS selector: reaches the Windows nodes
                    deployment("tool-pinned", Map.of("kubernetes.io/os", "linux"), linuxOnly),
                    deployment("iis", Map.of("kubernetes.io/os", "windows"), nanoserver)),  // ltsc2019 image, also on the 2022 node
                    List.of()));
            assertEquals(Status.FAILED, r.status(), r.message());
            assertEquals(List.of("Deployment shop/tool", "Deployment shop/iis"), r.subjects());
            assertTrue(r.message().contains("Deployment shop/tool container tool (" + linuxOnly + ") has variants for [linux/amd64, linux/ppc64le, linux/s390x] only, but can be scheduled on win-2019 (windows/amd64 10.0.17763), win-2022 (windows/amd64 10.0.20348)"), r.message());
            assertTrue(r.message().contains("Deployment shop/iis container iis (" + nanoserver + ") has variants for [windows/amd64 10.0.17763.1040] only, but can be scheduled on win-2022 (windows/amd64 10.0.20348)"), r.message());
            assertFalse(r.message().contains("tool-pinned"), r.message());
            assertTrue(r.message().endsWith("(2 images judged from their registries)"), r.message());
        }
    }

    @Test
    void passesWhenEveryReachableNodeHasAVariantAndSaysWhatItCouldNotJudge() throws Exception {
        try (RegistryStub registry = new RegistryStub()) {
            ImagePlatformCheck check = new ImagePlatformCheck(new RegistryClient(Duration.ofSeconds(5), RegistryCredentials.NONE, Set.of(registry.host())));
            DaemonSet winAgent = new DaemonSetBuilder().withNewMetadata().withName("win-agent").withNamespace("monitoring").endMetadata()
                    .withNewSpec().withNewTemplate().withNewSpec()
                    .withNodeSelector(Map.of("kubernetes.io/os", "windows", "node.kubernetes.io/windows-build", "10.0.17763"))
                    .addNewToleration().withOperator("Exists").endToleration()
                    .addNewContainer().withName("agent").withImage(registry.host() + "/library/hello-world:nanoserver").endContainer()
                    .endSpec().endTemplate().endSpec().build();
            CheckResult r = check.run(snapshot(List.of(deployment("private", Map.of(), registry.host() + "/team/linux-tool:1.0")),
                    List.of(winAgent)));
            assertEquals(Status.PASSED, r.status(), r.message());
            assertEquals("every image has a variant for each node its workload can be scheduled on "
                    + "(1 images judged from their registries, 1 whose platforms could not be found out)", r.message());
        }
    }
}
