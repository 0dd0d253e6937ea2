package dev.vigil.system.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.kafka.LocalKafka;
import dev.vigil.system.ServiceProcess;
import dev.vigil.system.Services;
import dev.vigil.system.bench.RemoteWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenants kept apart, as Mimir and Loki keep them: the packaged metrics, logs and alert services
 * with {@code vigil.auth.multitenancy-enabled}, and a token for each of tenants {@code a} and
 * {@code b}. Each writes series, log lines, alerts and silences; neither can read, see, match or
 * silence the other's, by its own token or by naming the other in {@code X-Scope-OrgID}; and
 * tenant a's rule reads only a's series and raises only a's alert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String A = "tok-a";
    private static final String B = "tok-b";
    private static final String OPERATOR = "tok-operator";

    @TempDir
    static Path dir;
    private LocalKafka kafka;
    private Services services;
    private ServiceProcess metrics;
    private ServiceProcess logs;
    private ServiceProcess alerts;

    @BeforeAll
    void start() throws Exception {
        kafka = LocalKafka.start(dir.resolve("kafka"), 0);
        kafka.createVigilTopics(2);
        Path tokens = Files.writeString(dir.resolve("tokens"), """
                %s read write admin
                %s read write admin tenant=a
                %s read write admin tenant=b
                """.formatted(OPERATOR, A, B));
        Path tenantRules = dir.resolve("tenant-rules");
        Files.createDirectories(tenantRules.resolve("a"));
        Files.writeString(tenantRules.resolve("a/rules.yml"), """
                groups:
                  - name: isolation
                    interval: 1s
                    rules:
                      - alert: TenantARule
                        expr: iso_metric > 0
                """);
        Map<String, String> common = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                "vigil.auth.tokens-file", tokens.toString(), "vigil.auth.multitenancy-enabled", "true",
                "vigil.data-dir", dir.resolve("data").toString());
        services = new Services(dir, common);
        metrics = services.start("metrics-service", Map.of());
        logs = services.start("logs-service", Map.of());
        alerts = services.start("alert-service", Map.of("vigil.alert.query-url", metrics.url(),
                "vigil.alert.logs-url", logs.url(), "vigil.alert.tenant-rules-dir", tenantRules.toString()));
        services.awaitLive(Duration.ofSeconds(120));

        long now = System.currentTimeMillis();
        assertEquals(204, send(A, null, post(metrics.url() + "/api/v1/write", "application/x-protobuf",
                RemoteWriter.body("iso_metric", Map.of("owner", "a"), 1, now))).statusCode());
        assertEquals(204, send(B, null, post(metrics.url() + "/api/v1/write", "application/x-protobuf",
                RemoteWriter.body("iso_metric", Map.of("owner", "b"), 2, now))).statusCode());
        for (String[] t : new String[][]{{A, "a"}, {B, "b"}}) {
            String body = "{\"streams\":[{\"stream\":{\"job\":\"iso\",\"owner\":\"" + t[1] + "\"},\"values\":[[\""
                    + now * 1_000_000L + "\",\"line of " + t[1] + "\"]]}]}";
            assertEquals(204, send(t[0], null, post(logs.url() + "/loki/api/v1/push", "application/json", body.getBytes())).statusCode());
        }
    }

    @AfterAll
    void stop() {
        if (services != null) {
            services.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void eachTenantQueriesOnlyItsOwnSeries() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertEquals(List.of("a"), owners(getJson(A, null, metrics.url() + "/api/v1/query?query=" + enc("iso_metric")).path("data").path("result"), "metric"));
            assertEquals(List.of("b"), owners(getJson(B, null, metrics.url() + "/api/v1/query?query=" + enc("iso_metric")).path("data").path("result"), "metric"));
        });
        // what a tenant sees never shows the tenant label, and matching on it reaches nothing else
        String seriesA = getJson(A, null, metrics.url() + "/api/v1/series?match[]=" + enc("{__name__=~\"iso.*\"}")).toString();
        assertFalse(seriesA.contains("__tenant__") || seriesA.contains("\"b\""), seriesA);
        assertEquals("[\"a\"]", getJson(A, null, metrics.url() + "/api/v1/label/owner/values").path("data").toString());
        assertEquals(0, getJson(A, null, metrics.url() + "/api/v1/query?query=" + enc("iso_metric{__tenant__=\"b\"}")).path("data").path("result").size());
        assertFalse(getJson(A, null, metrics.url() + "/api/v1/labels").path("data").toString().contains("__tenant__"));
    }

    @Test
    void eachTenantReadsOnlyItsOwnLogLines() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String a = getJson(A, null, logs.url() + "/loki/api/v1/query_range?query=" + enc("{job=\"iso\"}")).toString();
            assertTrue(a.contains("line of a") && !a.contains("line of b"), a);
            String b = getJson(B, null, logs.url() + "/loki/api/v1/query_range?query=" + enc("{job=\"iso\"}")).toString();
            assertTrue(b.contains("line of b") && !b.contains("line of a"), b);
        });
        assertEquals("[\"b\"]", getJson(B, null, logs.url() + "/loki/api/v1/label/owner/values").path("data").toString());
        assertFalse(getJson(B, null, logs.url() + "/loki/api/v1/labels").toString().contains("__tenant__"));
    }

    @Test
    void aTokenCannotNameAnotherTenantAndAnOperatorMustNameOne() throws Exception {
        HttpResponse<String> spoof = send(A, "b", get(metrics.url() + "/api/v1/query?query=" + enc("iso_metric")));
        assertEquals(403, spoof.statusCode(), spoof.body());
        assertEquals(403, send(A, "b", get(logs.url() + "/loki/api/v1/query_range?query=" + enc("{job=\"iso\"}"))).statusCode());
        HttpResponse<String> noOrg = send(OPERATOR, null, get(logs.url() + "/loki/api/v1/labels"));
        assertEquals(401, noOrg.statusCode());
        assertTrue(noOrg.body().contains("no org id"), noOrg.body());
        // an operator's token may act for any tenant it names
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(List.of("b"),
                owners(getJson(OPERATOR, "b", metrics.url() + "/api/v1/query?query=" + enc("iso_metric")).path("data").path("result"), "metric")));
        // and a writer cannot put its data in another tenant by label
        HttpResponse<String> forged = send(A, null, post(metrics.url() + "/api/v1/write", "application/x-protobuf",
                RemoteWriter.body("iso_metric", Map.of("__tenant__", "b"), 9, System.currentTimeMillis())));
        assertEquals(400, forged.statusCode(), forged.body());
    }

    @Test
    void alertsAndSilencesStayWithTheirTenant() throws Exception {
        String alert = "[{\"labels\":{\"alertname\":\"IsoAlert\",\"owner\":\"a\"},\"startsAt\":\"" + Instant.now() + "\"}]";
        assertEquals(200, send(A, null, post(alerts.url() + "/api/v2/alerts", "application/json", alert.getBytes())).statusCode());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertTrue(getJson(A, null, alerts.url() + "/api/v2/alerts").toString().contains("IsoAlert")));
        assertFalse(getJson(B, null, alerts.url() + "/api/v2/alerts").toString().contains("IsoAlert"));

        // b silences every IsoAlert it can: a's alert stays active, and a never sees b's silence
        String silence = "{\"matchers\":[{\"name\":\"alertname\",\"value\":\"IsoAlert\",\"isRegex\":false}],\"startsAt\":\""
                + Instant.now() + "\",\"endsAt\":\"" + Instant.now().plusSeconds(3600) + "\",\"createdBy\":\"b\",\"comment\":\"x\"}";
        HttpResponse<String> created = send(B, null, post(alerts.url() + "/api/v2/silences", "application/json", silence.getBytes()));
        assertEquals(200, created.statusCode(), created.body());
        String silenceB = JSON.readTree(created.body()).path("silenceID").asText();
        JsonNode aAlerts = getJson(A, null, alerts.url() + "/api/v2/alerts");
        assertEquals("active", aAlerts.get(0).path("status").path("state").asText(), aAlerts.toString());
        assertEquals(0, getJson(A, null, alerts.url() + "/api/v2/silences").size());
        assertEquals(404, send(A, null, get(alerts.url() + "/api/v2/silence/" + silenceB)).statusCode());
        assertEquals(404, send(A, null, HttpRequest.newBuilder(URI.create(alerts.url() + "/api/v2/silence/" + silenceB)).DELETE()).statusCode());
        // b's own view: the silence, without the tenant matcher it was stored with
        String bSilences = getJson(B, null, alerts.url() + "/api/v2/silences").toString();
        assertTrue(bSilences.contains(silenceB) && !bSilences.contains("__tenant__"), bSilences);
    }

    @Test
    void aTenantsRuleReadsItsDataAndRaisesItsAlert() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode a = getJson(A, null, alerts.url() + "/api/v2/alerts");
            List<String> owners = new ArrayList<>();
            a.forEach(x -> {
                if (x.path("labels").path("alertname").asText().equals("TenantARule")) {
                    owners.add(x.path("labels").path("owner").asText());
                }
            });
            assertEquals(List.of("a"), owners, a.toString());
        });
        assertFalse(getJson(B, null, alerts.url() + "/api/v2/alerts").toString().contains("TenantARule"));
        assertTrue(getJson(A, null, alerts.url() + "/api/v1/rules").toString().contains("TenantARule"));
        assertFalse(getJson(B, null, alerts.url() + "/api/v1/rules").toString().contains("TenantARule"));
    }

    private static List<String> owners(JsonNode result, String field) {
        List<String> out = new ArrayList<>();
        result.forEach(r -> out.add(r.path(field).path("owner").asText()));
        out.sort(null);
        return out;
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    private static HttpRequest.Builder post(String url, String type, byte[] body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> send(String token, String orgId, HttpRequest.Builder req) throws Exception {
        req.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
        if (orgId != null) {
            req.header("X-Scope-OrgID", orgId);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String token, String orgId, String url) throws Exception {
        HttpResponse<String> r = send(token, orgId, get(url));
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
