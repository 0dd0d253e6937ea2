package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodScrapeTargetsTest {
    private static final PodScrapeTargets RULES = PodScrapeTargets.defaults();

    private static PodMetadata pod(Map<String, String> annotations, String phase, String ip, List<Integer> ports) {
        return new PodMetadata("shop", "cart-7d9f", "win-node-1", ip, phase, annotations, ports);
    }

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of(pod(Map.of("prometheus.io/scrape", "true"), "Running", "10.1.2.3", List.of(8080)),
                        Optional.of("http://10.1.2.3:8080/metrics")),
                Arguments.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9102", "prometheus.io/path", "stats/prom",
                        "prometheus.io/scheme", "HTTPS"), "Running", "10.1.2.3", List.of(8080)),
                        Optional.of("https://10.1.2.3:9102/stats/prom")),
                Arguments.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9102"), "Running", "fd00::5", List.of()),
                        Optional.of("http://[fd00::5]:9102/metrics")),
                Arguments.of(pod(Map.of("prometheus.io/scrape", "false"), "Running", "10.1.2.3", List.of(8080)), Optional.empty()),
                Arguments.of(pod(Map.of(), "Running", "10.1.2.3", List.of(8080)), Optional.empty()),
                Arguments.of(pod(Map.of("prometheus.io/scrape", "true"), "Pending", "", List.of(8080)), Optional.empty()),
                Arguments.of(pod(Map.of("prometheus.io/scrape", "true"), "Running", "10.1.2.3", List.of()), Optional.empty()),
                Arguments.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "http"), "Running", "10.1.2.3",
                        List.of(8080)), Optional.empty()),
                Arguments.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/scheme", "ftp"), "Running", "10.1.2.3",
                        List.of(8080)), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("pods")
    void followsScrapeAnnotations(PodMetadata pod, Optional<String> url) {
        assertEquals(url.map(URI::create), RULES.target(pod).map(ScrapeTarget::url));
    }

    @Test
    void labelsPodTargetsAndReadsFabric8Pods() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace("shop").withName("cart-7d9f")
                .addToAnnotations("prometheus.io/scrape", "true").endMetadata()
                .withNewSpec().withNodeName("win-node-1")
                .addNewContainer().withName("cart").addNewPort().withContainerPort(53).withProtocol("UDP").endPort()
                .addNewPort().withContainerPort(8080).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.1.2.3").endStatus()
                .build();
        PodMetadata meta = PodMetadata.from(pod);
        assertEquals(List.of(8080), meta.containerPorts());
        ScrapeTarget target = RULES.target(meta).orElseThrow();
        assertEquals(Labels.of("job", "kubernetes-pods", "instance", "10.1.2.3:8080", "namespace", "shop", "pod", "cart-7d9f",
                "node", "win-node-1"), target.labels());
    }
}
