package dev.vigil.alert.rest;

import dev.vigil.alert.config.AlertConfig;
import dev.vigil.alert.config.am.ReceiverConfig;
import dev.vigil.alert.config.am.SecretMasking;
import dev.vigil.alert.service.AlertingService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alertmanager v2 {@code /status} and {@code /receivers}, as amtool and Grafana read them. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private static final Instant STARTED = Instant.now();
    private final AlertingService alerting;
    private final AlertConfig config;

    public StatusResource(AlertingService alerting, AlertConfig config) {
        this.alerting = alerting;
        this.config = config;
    }

    @GET
    @Path("/status")
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cluster", Map.of("name", "", "status", "disabled", "peers", List.of()));
        out.put("config", Map.of("original", originalConfig()));
        out.put("uptime", STARTED.toString());
        Map<String, String> version = new LinkedHashMap<>();
        version.put("branch", "main");
        version.put("buildDate", "");
        version.put("buildUser", "vigil");
        version.put("goVersion", "java" + Runtime.version().feature());
        version.put("revision", "vigil-0.1.0");
        // amtool and Grafana check the version: answer as the Alertmanager release Vigil matches.
        version.put("version", "0.25.0");
        out.put("versionInfo", version);
        return out;
    }

    @GET
    @Path("/receivers")
    public List<Map<String, String>> receivers() {
        return alerting.engine().config().receivers().stream().map(ReceiverConfig::name).map(n -> Map.of("name", n)).toList();
    }

    private String originalConfig() {
        return config.configFile().map(f -> {
            try {
                // shown as Alertmanager shows it: every secret replaced by <secret>
                return SecretMasking.mask(Files.readString(java.nio.file.Path.of(f)));
            } catch (IOException e) {
                return "";
            }
        }).orElse("");
    }
}
