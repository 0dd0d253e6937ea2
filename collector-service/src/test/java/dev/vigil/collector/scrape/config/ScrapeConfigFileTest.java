package dev.vigil.collector.scrape.config;

import dev.vigil.model.PromDuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.scrape.relabel.RelabelAction;
import dev.vigil.model.Labels;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus's scrape configuration as Prometheus 2.42 reads it: defaults, checks and refusals. */
class ScrapeConfigFileTest {
    private static final Path BASE = Path.of("/etc/vigil");

    private static ScrapeConfigFile.Loaded parse(String yaml) throws ScrapeConfigException {
        return ScrapeConfigFile.parse(yaml, BASE);
    }

    private static String refused(String yaml) {
        return assertThrows(ScrapeConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void prometheusOwnExampleFileLoadsWithItsDefaults() throws Exception {
        Path example = Path.of(getClass().getResource("/prometheus/prometheus.yml").toURI());
        ScrapeConfigFile.Loaded loaded = ScrapeConfigFile.load(example);
        assertEquals(List.of("alerting", "rule_files"), loaded.ignored());
        ScrapeJobConfig job = loaded.jobs().get(0);
        assertEquals("prometheus", job.jobName());
        assertEquals(Duration.ofSeconds(15), job.interval(), "global scrape_interval");
        assertEquals(Duration.ofSeconds(10), job.timeout(), "the default timeout");
        assertEquals("/metrics", job.metricsPath());
        assertEquals("http", job.scheme());
        assertTrue(job.honorTimestamps());
        assertEquals(List.of(new ScrapeJobConfig.TargetGroup(List.of("localhost:9090"), Labels.EMPTY)), job.staticConfigs());
    }

    @Test
    void readsEveryFieldOfAJob() throws Exception {
        ScrapeJobConfig job = parse("""
                global: {scrape_interval: 30s, scrape_timeout: 20s}
                scrape_configs:
                  - job_name: blackbox
                    scrape_interval: 5s
                    metrics_path: /probe
                    scheme: https
                    params: {module: [http_2xx], extra: [a, b]}
                    honor_labels: true
                    honor_timestamps: false
                    sample_limit: 500
                    authorization: {credentials_file: token}
                    static_configs: [{targets: ['a:1', 'b'], labels: {env: prod}}]
                    kubernetes_sd_configs: [{role: pod, namespaces: {names: [shop]}}, {role: pod}]
                    relabel_configs: [{source_labels: [__address__], target_label: __param_target}]
                    metric_relabel_configs: [{regex: 'go_.*', source_labels: [__name__], action: drop}]
                """).jobs().get(0);
        assertEquals(Duration.ofSeconds(5), job.interval());
        assertEquals(Duration.ofSeconds(5), job.timeout(), "the global 20s timeout is cut to the job's 5s interval");
        assertEquals(Map.of("module", List.of("http_2xx"), "extra", List.of("a", "b")), job.params());
        assertEquals(List.of(List.of("shop"), List.of()), job.podDiscovery());
        assertEquals(RelabelAction.DROP, job.metricRelabel().get(0).action());
        assertEquals(BASE.resolve("token"), job.auth().orElseThrow().credentialsFile(), "relative to the file's folder");
        assertEquals(500, job.sampleLimit());
        assertTrue(job.honorLabels());
    }

    @Test
    void refusesWhatPrometheusRefuses() {
        assertEquals("scrape_configs[0]: job_name is empty", refused("scrape_configs: [{static_configs: []}]"));
        assertEquals("found multiple scrape configs with job name \"a\"", refused("scrape_configs: [{job_name: a}, {job_name: a}]"));
        assertEquals("scrape timeout greater than scrape interval for scrape config with job name \"a\"",
                refused("scrape_configs: [{job_name: a, scrape_interval: 5s, scrape_timeout: 6s}]"));
        assertEquals("scrape_configs[0].scrape_interval: not a valid duration string: \"5 s\"",
                refused("scrape_configs: [{job_name: a, scrape_interval: 5 s}]"));
        assertEquals("scrape_configs[0].relabel_configs[1]: relabel configuration for hashmod requires non-zero modulus",
                refused("scrape_configs: [{job_name: a, relabel_configs: [{target_label: x}, {action: hashmod, target_label: y}]}]"));
        assertEquals("scrape_configs[0].relabel_configs[0].regexp: field regexp not found",
                refused("scrape_configs: [{job_name: a, relabel_configs: [{regexp: x}]}]"));
        assertTrue(refused("scrape_configs: [{job_name: a, authorization: {credentials: x}, basic_auth: {username: u}}]")
                .contains("at most one of basic_auth, authorization"));
        assertEquals("\"a-b\" is not a valid label name",
                refused("scrape_configs: [{job_name: a, static_configs: [{targets: [x], labels: {a-b: c}}]}]"));
        assertTrue(refused("scrape_configs: [{job_name: a").startsWith("scrape configuration is not valid YAML"));
    }

    @Test
    void readsWhatPrometheusReadsAtTheEdges() throws Exception {
        ScrapeJobConfig fast = parse("global: {scrape_interval: 5s}\nscrape_configs: [{job_name: a}]\n").jobs().get(0);
        assertEquals(Duration.ofSeconds(5), fast.timeout(), "an unset global timeout is 10 s or the interval when shorter");
        ScrapeJobConfig zero = parse("scrape_configs: [{job_name: a, scrape_interval: 30s, scrape_timeout: 0s}]").jobs().get(0);
        assertEquals(Duration.ofSeconds(10), zero.timeout(), "0 is unset");
        ScrapeJobConfig big = parse("scrape_configs: [{job_name: a, relabel_configs: [{source_labels: [x], modulus: 18446744073709551615,"
                + " target_label: y, action: hashmod}]}]").jobs().get(0);
        assertEquals(-1L, big.relabel().get(0).modulus(), "the largest unsigned 64-bit modulus");
        ScrapeJobConfig typed = parse("scrape_configs: [{job_name: a, authorization: {type: ' ', credentials: x}}]").jobs().get(0);
        assertEquals("Bearer x", typed.auth().orElseThrow().header().orElseThrow(), "a blank type is Bearer");
        assertEquals(1, parse("scrape_configs: [{job_name: a, static_configs: [{targets: ['http://x/y']}],"
                + " relabel_configs: [{source_labels: [__address__], target_label: __param_target}]}]").jobs().size(),
                "a URL target is fine when relabelling can make an address of it");
    }

    @Test
    void malformedShapesAreRefusedNotIgnored() {
        assertEquals("scrape_configs[0].relabel_configs: expected a list",
                refused("scrape_configs: [{job_name: a, relabel_configs: {action: drop}}]"));
        assertEquals("scrape_configs[0].relabel_configs: expected a list", refused("scrape_configs: [{job_name: a, relabel_configs: x}]"));
        assertEquals("scrape_configs[0].static_configs[0].labels.env: expected a string",
                refused("scrape_configs: [{job_name: a, static_configs: [{targets: [x], labels: {env: [a]}}]}]"));
        assertEquals("\"http://x/y\" is not a valid hostname", refused("scrape_configs: [{job_name: a, static_configs: [{targets: ['http://x/y']}]}]"));
        assertThrows(ScrapeConfigException.class, () -> parse("scrape_configs: [{job_name: a, scrape_interval: 300y}]"),
                "beyond Go's 292-year durations");
    }

    @Test
    void aYamlErrorSaysWhereButNotTheLineItself() {
        String message = refused("scrape_configs:\n  - job_name: a\n    authorization: {credentials: s3cr3t-TOKEN: x}\n");
        assertTrue(message.startsWith("scrape configuration is not valid YAML at line 3"), message);
        assertTrue(!message.contains("s3cr3t"), "the offending line may hold a secret: " + message);
    }

    @Test
    void refusesByNameWhatTheCollectorDoesNotDo() {
        assertEquals("scrape_configs[0].tls_config: not supported by the collector's scrape configuration",
                refused("scrape_configs: [{job_name: a, tls_config: {insecure_skip_verify: true}}]"));
        assertEquals("global.external_labels: not supported by the collector's scrape configuration",
                refused("global: {external_labels: {dc: x}}"));
        assertTrue(refused("scrape_configs: [{job_name: a, kubernetes_sd_configs: [{role: node}]}]")
                .startsWith("scrape_configs[0].kubernetes_sd_configs[0].role: the collector discovers the pods of its own node"));
        assertEquals("scrape_configs[0].kubernetes_sd_configs[0].api_server: field api_server not found",
                refused("scrape_configs: [{job_name: a, kubernetes_sd_configs: [{role: pod, api_server: 'https://x'}]}]"));
        assertEquals("scrape_configs[0].scheme: must be http or https, got \"ftp\"", refused("scrape_configs: [{job_name: a, scheme: ftp}]"));
    }

    @Test
    void durationsReadAndWriteAsPrometheusDoes() throws URISyntaxException {
        assertEquals(Duration.ofSeconds(90), PromDuration.parse("1m30s"));
        assertEquals(Duration.ofDays(8), PromDuration.parse("1w1d"));
        assertEquals("1m30s", PromDuration.format(Duration.ofSeconds(90)));
        assertEquals("1d", PromDuration.format(Duration.ofHours(24)));
        assertEquals("1w", PromDuration.format(Duration.ofDays(7)));
        assertEquals("8d", PromDuration.format(Duration.ofDays(8)), "weeks only when exact");
        assertEquals("1s500ms", PromDuration.format(Duration.ofMillis(1500)));
        assertEquals("0s", PromDuration.format(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parse("1s1m"));
        assertThrows(IllegalArgumentException.class, () -> PromDuration.parse("99999999999999999999y"));
    }
}
