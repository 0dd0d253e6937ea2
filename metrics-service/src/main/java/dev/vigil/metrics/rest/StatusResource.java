package dev.vigil.metrics.rest;

import dev.vigil.promql.parser.Durations;
import dev.vigil.metrics.config.MetricsConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prometheus's {@code /api/v1/status/buildinfo}, {@code /runtimeinfo}, {@code /flags} and {@code /config}, which
 * Grafana and Prometheus tooling read: the same fields, filled with what this service runs with
 * (its retention and query limits under Prometheus's flag names).
 */
@jakarta.ws.rs.Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final MetricsConfig config;

    public StatusResource(MetricsConfig config) {
        this.config = config;
    }

    @GET
    @jakarta.ws.rs.Path("/buildinfo")
    public Map<String, Object> buildinfo() {
        Map<String, Object> data = new LinkedHashMap<>();
        // Grafana reads "version" to pick query features: answer as the Prometheus release Vigil matches.
        data.put("version", "2.42.0");
        data.put("revision", "vigil-" + BuildVersion.VERSION);
        data.put("branch", "main");
        data.put("buildUser", "vigil");
        data.put("buildDate", "");
        data.put("goVersion", "java" + Runtime.version().feature());
        data.put("application", "vigil-metrics-service");
        return Map.of("status", "success", "data", data);
    }

    @GET
    @jakarta.ws.rs.Path("/runtimeinfo")
    public Map<String, Object> runtimeinfo() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("startTime", Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
        d.put("CWD", Path.of("").toAbsolutePath().toString());
        d.put("reloadConfigSuccess", true);
        d.put("lastConfigTime", Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).toString());
        d.put("corruptionCount", 0);
        d.put("goroutineCount", Thread.activeCount());
        d.put("GOMAXPROCS", Runtime.getRuntime().availableProcessors());
        d.put("GOGC", "");
        d.put("GODEBUG", "");
        d.put("storageRetention", Durations.format(config.storage().retention().toMillis()));
        return Map.of("status", "success", "data", d);
    }

    @GET
    @jakarta.ws.rs.Path("/flags")
    public Map<String, Object> flags() {
        Map<String, String> d = new TreeMap<>();
        d.put("storage.tsdb.retention.time", Durations.format(config.storage().retention().toMillis()));
        d.put("storage.tsdb.retention.size", Long.toString(config.storage().maxPartitionBytes()) + "B");
        d.put("storage.tsdb.out-of-order-time-window", Durations.format(config.storage().outOfOrderWindow().toMillis()));
        d.put("query.lookback-delta", Durations.format(config.query().lookbackDelta().toMillis()));
        d.put("query.max-samples", Integer.toString(config.query().maxSamples()));
        d.put("query.timeout", Durations.format(config.query().timeout().toMillis()));
        d.put("web.enable-remote-write-receiver", "true");
        return Map.of("status", "success", "data", d);
    }

    @GET
    @jakarta.ws.rs.Path("/config")
    public Map<String, Object> config() {
        // Vigil scrapes nothing itself (the collectors do) and evaluates rules in the alert service
        String yaml = "global:\n  scrape_interval: 1m\n  scrape_timeout: 10s\n  evaluation_interval: 1m\n";
        return Map.of("status", "success", "data", Map.of("yaml", yaml));
    }
}
