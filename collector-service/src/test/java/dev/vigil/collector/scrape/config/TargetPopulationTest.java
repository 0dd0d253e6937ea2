package dev.vigil.collector.scrape.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.scrape.ScrapeTarget;
import dev.vigil.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Discovered labels to scrape targets as Prometheus's {@code PopulateLabels} makes them, and a
 * pod-role job over real pod objects: the meta labels Prometheus's Kubernetes discovery gives and
 * the targets the widely used annotation job (keep on prometheus.io/scrape, path and port from
 * the annotations) makes of them.
 */
class TargetPopulationTest {
    private static ScrapeJobConfig job(String yaml) throws ScrapeConfigException {
        return ScrapeConfigFile.parse("scrape_configs:\n" + yaml, Path.of(".")).jobs().get(0);
    }

    private static ScrapeTarget target(ScrapeJobConfig job, Labels discovered) {
        TargetPopulation.Outcome o = TargetPopulation.populate(job, discovered);
        return o.target().orElseThrow(() -> new AssertionError("no target: " + o.error()));
    }

    private static String error(ScrapeJobConfig job, Labels discovered) {
        return TargetPopulation.populate(job, discovered).error().orElseThrow();
    }

    @Test
    void defaultsPortInstanceAndHiddenLabels() throws Exception {
        ScrapeJobConfig job = job("  - {job_name: node, scrape_interval: 15s}\n");
        ScrapeTarget t = target(job, Labels.of("__address__", "10.0.0.1", "env", "prod", "__meta_x", "y", "__tmp", "z"));
        assertEquals("http://10.0.0.1:80/metrics", t.url().toString(), "a missing port is the scheme's");
        assertEquals(Labels.of("job", "node", "instance", "10.0.0.1:80", "env", "prod"), t.labels(), "labels starting __ are left off");
        assertEquals(Duration.ofSeconds(10), t.timeout());
        ScrapeTarget v6 = target(job, Labels.of("__address__", "[fd00::1]"));
        assertEquals("http://[fd00::1]:80/metrics", v6.url().toString());
        assertEquals("kept", target(job, Labels.of("__address__", "h:1", "instance", "kept")).labels().get("instance"));
        assertEquals("custom", target(job, Labels.of("__address__", "h:1", "job", "custom")).labels().get("job"),
                "discovery's job label wins over the job name");
        String bare = error(job, Labels.of("__address__", "fd00::7"));
        assertTrue(bare.contains("fd00::7") && !bare.contains("fd00::7:80"),
                "Go adds no port to an address that would not split with one either (and no URL can be made of it): " + bare);
        ScrapeJobConfig relative = job("  - {job_name: node, metrics_path: metrics, params: {empty: []}}\n");
        assertEquals("http://h:1/metrics", target(relative, Labels.of("__address__", "h:1")).url().toString(),
                "the slash Go's URL writer adds; no query for a parameter without values");
        assertTrue(TargetPopulation.splitsHostPort("[fd00::1]:80"));
        assertTrue(TargetPopulation.splitsHostPort("h:"));
        assertTrue(!TargetPopulation.splitsHostPort("[fd00::1]") && TargetPopulation.splitsHostPort("[fd00::1]:1234"));
    }

    @Test
    void blackboxStyleRelabellingMakesTheUrlFromParamLabels() throws Exception {
        ScrapeJobConfig job = job("""
                  - job_name: blackbox
                    metrics_path: /probe
                    params: {module: [http_2xx], z: ['a b*~']}
                    relabel_configs:
                      - {source_labels: [__address__], target_label: __param_target}
                      - {source_labels: [__param_target], target_label: instance}
                      - {target_label: __address__, replacement: '127.0.0.1:9115'}
                """);
        ScrapeTarget t = target(job, Labels.of("__address__", "https://example.com/?q=1", "__param_module", "discovered"));
        assertEquals("http://127.0.0.1:9115/probe?module=http_2xx&target=https%3A%2F%2Fexample.com%2F%3Fq%3D1&z=a+b%2A~",
                t.url().toString(), "sorted and escaped as Go's url.Values; the job's module wins over a discovered one");
        assertEquals(Labels.of("job", "blackbox", "instance", "https://example.com/?q=1"), t.labels());
    }

    @Test
    void targetsThatCannotBeScrapedSayWhy() throws Exception {
        ScrapeJobConfig job = job("  - {job_name: a, scrape_interval: 15s, relabel_configs: [{source_labels: [t], target_label: __scrape_timeout__}]}\n");
        assertEquals("no address", error(job, Labels.of("x", "y")));
        assertEquals("\"h:1/x\" is not a valid hostname", error(job, Labels.of("__address__", "h:1/x")));
        assertEquals("scrape timeout cannot be greater than scrape interval (\"20s\" > \"15s\")",
                error(job, Labels.of("__address__", "h:1", "t", "20s")));
        assertTrue(error(job, Labels.of("__address__", "h:1", "t", "soon")).startsWith("error parsing scrape timeout: "));
        assertEquals(Duration.ofSeconds(3), target(job, Labels.of("__address__", "h:1", "t", "3s")).timeout(),
                "a relabelled timeout is the target's");
        ScrapeJobConfig scheme = job("  - {job_name: a, relabel_configs: [{target_label: __scheme__, replacement: ftp}]}\n");
        assertEquals("invalid scheme: \"http\"", error(scheme, Labels.of("__address__", "h")), "Prometheus names the job's scheme");
        ScrapeJobConfig interval = job("  - {job_name: a, relabel_configs: [{target_label: __scrape_interval__, replacement: 30s}]}\n");
        assertTrue(error(interval, Labels.of("__address__", "h:1")).startsWith("per-target scrape intervals are not supported"));
        ScrapeJobConfig drop = job("  - {job_name: a, relabel_configs: [{source_labels: [__address__], regex: 'h:.*', action: drop}]}\n");
        assertEquals(new TargetPopulation.Outcome(Optional.empty(), Optional.empty()), TargetPopulation.populate(drop, Labels.of("__address__", "h:1")));
    }

    private static Pod pod(String name, String ip, boolean annotated) {
        java.util.Map<String, String> annotations = annotated
                ? java.util.Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "9102", "prometheus.io/path", "/stats")
                : java.util.Map.of();
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName(name).withUid("u-" + name)
                .addToLabels("app.kubernetes.io/name", "cart").addToLabels("empty", "").withAnnotations(annotations)
                .addNewOwnerReference().withController(true).withKind("ReplicaSet").withName("cart-7d9f").endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("win-node-1")
                .addNewContainer().withName("app").withImage("shop/cart:1.2")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort().endContainer()
                .addNewContainer().withName("sidecar").withImage("envoy:1").endContainer()
                .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
                .endSpec()
                .withNewStatus().withPodIP(ip).withHostIP("192.168.1.5").withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("app").withContainerID("containerd://abc").endContainerStatus()
                .endStatus().build();
    }

    @Test
    void podsGiveTheMetaLabelsOfPrometheusKubernetesDiscovery() {
        List<Labels> targets = dev.vigil.collector.scrape.PodMetaLabels.targets(pod("cart-1", "10.1.2.3", true));
        assertEquals(List.of("10.1.2.3:8080", "10.1.2.3:53", "10.1.2.3", "10.1.2.3"),
                targets.stream().map(l -> l.get("__address__")).toList(), "one per port, one per container without any, init too");
        Labels first = targets.get(0);
        String p = "__meta_kubernetes_pod_";
        assertEquals("shop", first.get("__meta_kubernetes_namespace"));
        assertEquals("cart", first.get(p + "label_app_kubernetes_io_name"));
        assertEquals("true", first.get(p + "labelpresent_empty"), "an empty label is present");
        assertEquals("true", first.get(p + "annotation_prometheus_io_scrape"));
        assertEquals("true", first.get(p + "ready"));
        assertEquals("ReplicaSet", first.get(p + "controller_kind"));
        assertEquals("http", first.get(p + "container_port_name"));
        assertEquals("TCP", first.get(p + "container_port_protocol"));
        assertEquals("containerd://abc", first.get(p + "container_id"));
        assertEquals("192.168.1.5", first.get(p + "host_ip"));
        assertEquals("UDP", targets.get(1).get(p + "container_port_protocol"));
        assertEquals("true", targets.get(3).get(p + "container_init"));
        assertEquals(List.of(), dev.vigil.collector.scrape.PodMetaLabels.targets(pod("cart-2", "", true)), "no IP, no target");
    }

    @Test
    void theAnnotationJobScrapesAnnotatedPodsAtTheirAnnotatedPortAndPath() throws Exception {
        ScrapeJobConfig job = job("""
                  - job_name: kubernetes-pods
                    kubernetes_sd_configs: [{role: pod}]
                    relabel_configs:
                      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
                        action: keep
                        regex: true
                      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_path]
                        action: replace
                        target_label: __metrics_path__
                        regex: (.+)
                      - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
                        action: replace
                        regex: ([^:]+)(?::\\d+)?;(\\d+)
                        replacement: $1:$2
                        target_label: __address__
                      - action: labelmap
                        regex: __meta_kubernetes_pod_label_(.+)
                      - source_labels: [__meta_kubernetes_namespace]
                        target_label: namespace
                      - source_labels: [__meta_kubernetes_pod_name]
                        target_label: pod
                      - source_labels: [__meta_vigil_node_name]
                        target_label: node
                """);
        JobTargets targets = new JobTargets(job, "win-node-1", "windows");
        JobTargets.Round r = targets.round(() -> List.of(pod("cart-1", "10.1.2.3", true), pod("cart-2", "10.1.2.4", false)));
        assertEquals(List.of("http://10.1.2.3:9102/stats"), r.targets().values().stream().map(t -> t.url().toString()).distinct().toList(),
                "every container port of the annotated pod becomes the annotated port; the others are dropped");
        assertEquals(1, r.targets().size(), "the same URL and labels are one target");
        assertEquals(Labels.of("job", "kubernetes-pods", "instance", "10.1.2.3:9102", "namespace", "shop", "pod", "cart-1",
                "app_kubernetes_io_name", "cart", "node", "win-node-1"), r.targets().values().iterator().next().labels());
        assertEquals(java.util.Map.of(), r.errors());
    }
}
