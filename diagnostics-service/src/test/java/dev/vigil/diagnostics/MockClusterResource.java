package dev.vigil.diagnostics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * The fabric8 Kubernetes mock server in CRUD mode (no real cluster exists here), with
 * {@link KubeletStandIn} answering node-proxy and pod-log requests, seeded with the
 * {@link MixedCluster} fixture. The client of the running server is kept for tests that look at
 * what the service created.
 */
public class MockClusterResource implements QuarkusTestResourceLifecycleManager {
    private static volatile KubernetesMockServer server;

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubeletStandIn(), false,
                new VersionInfo.Builder().withMajor("1").withMinor("29").withGitVersion("v1.29.4").build());
        server.init();
        try (KubernetesClient c = server.createClient()) {
            MixedCluster.seed(c);
        }
        return Map.of("quarkus.kubernetes-client.api-server-url", server.url("/"));
    }

    /** A new client of the running mock server; close it after use. */
    public static KubernetesClient client() {
        return server.createClient();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }
}
