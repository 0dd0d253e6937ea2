package dev.vigil.diagnostics;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The fabric8 Kubernetes mock server in CRUD mode (no real cluster exists here), seeded with a
 * mixed cluster: two Linux nodes and two tainted Windows nodes.
 */
public class MockClusterResource implements QuarkusTestResourceLifecycleManager {
    private KubernetesMockServer server;

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false,
                new VersionInfo.Builder().withMajor("1").withMinor("29").withGitVersion("v1.29.4").build());
        server.init();
        try (KubernetesClient c = server.createClient()) {
            MixedCluster.seed(c);
        }
        return Map.of("quarkus.kubernetes-client.api-server-url", server.url("/"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    /** The fixture cluster. */
    public static final class MixedCluster {
        private MixedCluster() {
        }

        public static void seed(KubernetesClient c) {
            for (int i = 1; i <= 2; i++) {
                c.nodes().resource(new NodeBuilder().withNewMetadata().withName("linux-" + i)
                        .addToLabels("kubernetes.io/os", "linux").addToLabels("kubernetes.io/arch", "amd64").endMetadata()
                        .withNewStatus().withNewNodeInfo().withOperatingSystem("linux").withArchitecture("amd64")
                        .withOsImage("Ubuntu 22.04.4 LTS").withKernelVersion("5.15.0-105-generic").withKubeletVersion("v1.29.4")
                        .withContainerRuntimeVersion("containerd://1.7.13").endNodeInfo()
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
                c.nodes().resource(new NodeBuilder().withNewMetadata().withName("win-" + i)
                        .addToLabels("kubernetes.io/os", "windows").addToLabels("kubernetes.io/arch", "amd64").endMetadata()
                        .withNewSpec().addNewTaint().withKey("os").withValue("windows").withEffect("NoSchedule").endTaint().endSpec()
                        .withNewStatus().withNewNodeInfo().withOperatingSystem("windows").withArchitecture("amd64")
                        .withOsImage("Windows Server 2022 Datacenter").withKernelVersion("10.0.20348.2402").withKubeletVersion("v1.29.4")
                        .withContainerRuntimeVersion("containerd://1.7.13").endNodeInfo()
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
            }
        }
    }
}
