package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class PodTargetDiscoveryTest {
    KubernetesMockServer server;
    KubernetesClient client;

    private static Pod pod(String name, String ip, boolean annotated) {
        return new PodBuilder()
                .withNewMetadata().withNamespace("shop").withName(name)
                .addToAnnotations("prometheus.io/scrape", Boolean.toString(annotated)).addToAnnotations("prometheus.io/port", "9102")
                .endMetadata()
                .withNewSpec().withNodeName("win-node-1").endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).endStatus()
                .build();
    }

    @Test
    void listsOnlyThisNodesPodsAndKeepsAnnotatedOnes() {
        server.expect().get().withPath("/api/v1/pods?fieldSelector=spec.nodeName%3Dwin-node-1")
                .andReturn(200, new PodListBuilder().withItems(pod("cart", "10.1.2.3", true), pod("db", "10.1.2.4", false)).build())
                .once();
        List<ScrapeTarget> targets = new PodTargetDiscovery(client, "win-node-1", PodScrapeTargets.defaults()).discover();
        assertEquals(List.of(URI.create("http://10.1.2.3:9102/metrics")), targets.stream().map(ScrapeTarget::url).toList());
    }
}
