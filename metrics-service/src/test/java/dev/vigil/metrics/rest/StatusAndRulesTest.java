package dev.vigil.metrics.rest;

import dev.vigil.promql.parser.Durations;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus URL's status endpoints, and its {@code /api/v1/rules} and {@code /api/v1/alerts}
 * answered by the alert service: here a real HTTP server standing in for it, so the test sees
 * what is passed on (query, tenant, credentials) and what comes back.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(StatusAndRulesTest.AlertServiceStandIn.class)
class StatusAndRulesTest {
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    /** Answers /api/v1/rules and /api/v1/alerts as the alert service would, recording each request. */
    public static class AlertServiceStandIn implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/api/v1/", ex -> {
                SEEN.add(ex.getRequestURI() + " org=" + ex.getRequestHeaders().getFirst("X-Scope-OrgID"));
                byte[] body = (ex.getRequestURI().getPath().endsWith("/rules")
                        ? "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"node\",\"rules\":[]}]}}"
                        : "{\"status\":\"success\",\"data\":{\"alerts\":[]}}").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            return Map.of("vigil.metrics.rules-url", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    @Test
    void rulesAndAlertsComeFromTheAlertServiceWithTheRequestsQuery() {
        given().get("/api/v1/rules?type=alert").then().statusCode(200).body("data.groups[0].name", is("node"));
        given().get("/api/v1/alerts").then().statusCode(200).body("status", is("success"));
        assertTrue(SEEN.stream().anyMatch(s -> s.startsWith("/api/v1/rules?type=alert")), SEEN.toString());
        assertTrue(SEEN.stream().anyMatch(s -> s.startsWith("/api/v1/alerts")), SEEN.toString());
    }

    @Test
    void statusAnswersAsPrometheusDoes() {
        given().get("/api/v1/status/runtimeinfo").then().statusCode(200)
                .body("data.storageRetention", is("15d")).body("data.reloadConfigSuccess", is(true));
        given().get("/api/v1/status/flags").then().statusCode(200)
                .body("data.'storage.tsdb.retention.time'", is("15d")).body("data.'query.lookback-delta'", is("5m"))
                .body("data.'query.max-samples'", is("50000000"));
        String yaml = given().get("/api/v1/status/config").then().statusCode(200).extract().path("data.yaml");
        assertTrue(yaml.startsWith("global:"), yaml);
        given().get("/api/v1/metadata?limit=x").then().statusCode(400).body("errorType", is("bad_data"));
    }

    @Test
    void tsdbStatusCountsSeriesAsPrometheusHeadStatsDo() throws Exception {
        // other tests' series share the store: this one's metric and label are its own
        long t = System.currentTimeMillis() - 60_000;
        dev.vigil.model.wire.prometheus.WriteRequest.Builder req = dev.vigil.model.wire.prometheus.WriteRequest.newBuilder();
        for (String mode : List.of("idle", "user", "system")) {
            req.addTimeseries(dev.vigil.model.wire.prometheus.TimeSeries.newBuilder()
                    .addLabels(dev.vigil.model.wire.prometheus.Label.newBuilder().setName("__name__").setValue("tsdb_status_cpu_total"))
                    .addLabels(dev.vigil.model.wire.prometheus.Label.newBuilder().setName("tsdb_status_mode").setValue(mode))
                    .addSamples(dev.vigil.model.wire.prometheus.Sample.newBuilder().setTimestamp(t).setValue(1)));
        }
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(org.xerial.snappy.Snappy.compress(req.build().toByteArray())).post("/api/v1/write").then().statusCode(204);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/status/tsdb?limit=1000000").then().statusCode(200)
                        .body("status", is("success"))
                        .body("data.seriesCountByMetricName.find { it.name == 'tsdb_status_cpu_total' }.value", is(3))
                        .body("data.labelValueCountByLabelName.find { it.name == 'tsdb_status_mode' }.value", is(3))
                        // each distinct value's bytes once: idle + user + system
                        .body("data.memoryInBytesByLabelName.find { it.name == 'tsdb_status_mode' }.value", is(14))
                        .body("data.seriesCountByLabelValuePair.find { it.name == 'tsdb_status_mode=idle' }.value", is(1)));
        int series = given().get("/api/v1/status/tsdb").then().statusCode(200).extract().path("data.headStats.numSeries");
        assertTrue(series >= 3, "numSeries counts every series: " + series);
        given().get("/api/v1/status/tsdb?limit=1").then().statusCode(200).body("data.labelValueCountByLabelName.size()", is(1));
        given().get("/api/v1/status/tsdb?limit=0").then().statusCode(400).body("errorType", is("bad_data"))
                .body("error", is("limit must be a positive number"));
    }

    @Test
    void prometheusDurationsPrintAsPrometheusPrintsThem() {
        assertEquals("15d", Durations.format(Duration.ofDays(15).toMillis()));
        assertEquals("2w", Durations.format(Duration.ofDays(14).toMillis()));
        assertEquals("1h30m", Durations.format(Duration.ofMinutes(90).toMillis()));
        assertEquals("0s", Durations.format(Duration.ZERO.toMillis()));
        assertEquals("1y", Durations.format(Duration.ofDays(365).toMillis()));
        assertEquals("1s500ms", Durations.format(Duration.ofMillis(1500).toMillis()));
    }
}
