package dev.vigil.collector.kubelet;

import dev.vigil.collector.scrape.Exposition;
import dev.vigil.collector.scrape.ExpositionFormat;
import dev.vigil.collector.scrape.ExpositionParser;
import dev.vigil.collector.scrape.MetricSample;
import dev.vigil.collector.scrape.ParsedSample;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the collector makes of a real kubelet's Summary API (a kind 1.35 node, an EKS Windows node)
 * uses cAdvisor's own names: every family is one cAdvisor prints (its test output), with
 * cAdvisor's TYPE, and the labels besides Kubernetes' own (namespace, pod, container; node, os)
 * are labels cAdvisor gives that family.
 */
class CadvisorNamesTest {
    /** The labels the kubelet's /metrics/cadvisor adds for Kubernetes, and Vigil's node labels. */
    static final Set<String> KUBERNETES = Set.of("namespace", "pod", "container", "node", "os");

    static String resource(String path) throws Exception {
        try (InputStream in = CadvisorNamesTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @CsvSource({"real-linux-1.35-kind.json, LINUX, 8", "real-windows-eks.json, WINDOWS, 4"})
    void aRealSummaryBecomesCadvisorsFamilies(String summary, NodeOs os, int atLeastFamilies) throws Exception {
        Exposition cadvisor = ExpositionParser.parse(resource("/fixtures/cadvisor/prometheus_metrics.txt"), ExpositionFormat.PROMETHEUS_TEXT);
        Map<String, Set<String>> cadvisorLabels = new HashMap<>();
        for (ParsedSample s : cadvisor.samples()) {
            Set<String> names = cadvisorLabels.computeIfAbsent(s.labels().get(Labels.METRIC_NAME), n -> new HashSet<>());
            for (int i = 0; i < s.labels().size(); i++) {
                names.add(s.labels().name(i));
            }
        }
        Set<String> families = new TreeSet<>();
        for (MetricSample s : new SummaryMapper("node-1", os, Clock.systemUTC()).map(resource("/fixtures/kubelet/" + summary))) {
            String name = s.labels().get(Labels.METRIC_NAME);
            families.add(name);
            assertTrue(cadvisorLabels.containsKey(name), name + " is not a cAdvisor family");
            String type = cadvisor.metadata().get(name).type();
            assertEquals(type, SummaryMapper.TYPES.get(name), "cAdvisor's TYPE of " + name);
            for (int i = 0; i < s.labels().size(); i++) {
                String label = s.labels().name(i);
                assertTrue(KUBERNETES.contains(label) || cadvisorLabels.get(name).contains(label),
                        name + " has label " + label + ", which cAdvisor does not give it");
            }
        }
        assertTrue(families.size() >= atLeastFamilies, "families: " + families);
    }
}
