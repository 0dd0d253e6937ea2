package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alert.config.am.AlertmanagerConfig;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.config.am.IntegrationConfig;
import dev.vigil.alert.config.am.Secret;
import dev.vigil.alert.routing.Alert;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pushover, VictorOps, incident.io, Rocket.Chat and Mattermost notifications sent to a real local
 * HTTP server, which checks each request against what Alertmanager's notifier for that service
 * sends (URL, headers, body, firing/resolved difference, retry rule).
 */
class OnCallAndChatNotifiersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String GROUP_KEY = "{}:{alertname=\"HighCPU\"}";

    record Request(String method, URI uri, Map<String, String> headers, String body, int authorizations) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile String answer = "{\"success\":true}";
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h : List.of("Content-Type", "Authorization", "X-Auth-Token", "X-User-Id")) {
                headers.put(h, ex.getRequestHeaders().getFirst(h));
            }
            List<String> auth = ex.getRequestHeaders().get("Authorization");
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI(), headers,
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), auth == null ? 0 : auth.size()));
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, IntegrationConfig> integrations() {
        AlertmanagerConfig c = AlertmanagerConfigLoader.parse("""
                global:
                  victorops_api_url: %1$s/victorops/
                  victorops_api_key: vo-key
                  rocketchat_api_url: %1$s/rocket
                  rocketchat_token: rc-token
                  rocketchat_token_id: rc-user
                route:
                  receiver: all
                receivers:
                  - name: all
                    pushover_configs:
                      - user_key: po-user
                        token: po-token
                        sound: siren
                    victorops_configs:
                      - routing_key: '{{ .CommonLabels.job }}-team'
                        message_type: PAGE
                        custom_fields: {runbook: 'http://runbooks/{{ .GroupLabels.alertname }}'}
                    incidentio_configs:
                      - url: %1$s/incidentio/alert-events/http/src-1
                        alert_source_token: io-token
                        max_alerts: 1
                    rocketchat_configs:
                      - channel: '#ops'
                        fields: [{title: instance, value: '{{ .CommonLabels.instance }}'}]
                        actions: [{text: Runbook, url: 'http://runbooks/x'}]
                    mattermost_configs:
                      - webhook_url: %1$s/mattermost/hooks/mm-1
                        channel: ops
                        attachments: [{title: '{{ .GroupLabels.alertname }}', color: danger,
                                       fields: [{title: job, value: '{{ .CommonLabels.job }}', short: true}]}]
                        priority: {priority: Urgent, requested_ack: true, persistent_notifications: true}
                """.formatted(base));
        Map<String, IntegrationConfig> byType = new LinkedHashMap<>();
        c.receivers().get(0).integrations().forEach(i -> byType.put(i.type(), i));
        return byType;
    }

    private TemplateData data(boolean resolved, int alerts) {
        List<Alert> list = new java.util.ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            list.add(new Alert(Labels.of("alertname", "HighCPU", "instance", "a:910" + i, "job", "node"), Map.of("summary", "CPU <90%> & rising"),
                    NOW.minusSeconds(60), resolved ? NOW.minusSeconds(1) : NOW.plusSeconds(300), "http://prom/graph", NOW, false));
        }
        return TemplateData.of("all", Labels.of("alertname", "HighCPU"), list, NOW, "http://vigil:9093");
    }

    private HttpNotification render(IntegrationConfig c, boolean resolved, long truncated) {
        return (HttpNotification) new Payloads(DefaultTemplates.newSet()).integrations().render("all", "all/" + c.type() + "[0]", GROUP_KEY, c,
                data(resolved, 1), truncated);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String kv : uri.getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void pushoverPutsEveryParameterInTheQueryOfAnEmptyTextPost() throws Exception {
        IntegrationConfig c = integrations().get("pushover");
        HttpNotification firing = render(c, false, 0);
        URI u = URI.create(firing.url().value());
        assertEquals("https://api.pushover.net/1/messages.json", u.getScheme() + "://" + u.getHost() + u.getPath());
        Map<String, String> q = query(u);
        // Go's url.Values.Encode: sorted keys
        assertEquals(List.of("device", "expire", "message", "priority", "retry", "sound", "title", "token", "url", "url_title", "user"),
                List.copyOf(q.keySet()));
        assertEquals("po-token", q.get("token"));
        assertEquals("po-user", q.get("user"));
        assertEquals("2", q.get("priority"), "emergency while firing");
        assertEquals("60", q.get("retry"));
        assertEquals("3600", q.get("expire"));
        assertEquals("siren", q.get("sound"));
        assertEquals("[FIRING:1] HighCPU (a:9100 node)", q.get("title"));
        assertTrue(q.get("message").startsWith("CPU <90%> & rising"), q.get("message"));
        assertEquals("http://vigil:9093/#/alerts?receiver=all", q.get("url"));
        assertEquals("0", query(URI.create(render(c, true, 0).url().value())).get("priority"), "normal once resolved");

        // delivered as such: the query string moved to the local server
        HttpJsonNotifier.withDefaults().send(new HttpNotification(firing.receiver(), firing.integration(), firing.groupKey(), firing.kind(),
                Secret.of(base + "/1/messages.json?" + u.getRawQuery()), firing.http(), firing.json(), firing.headers(), firing.contentType()),
                Duration.ofSeconds(5));
        Request r = requests.get(0);
        assertEquals("POST", r.method());
        assertEquals("text/plain", r.headers().get("Content-Type"));
        assertEquals("", r.body());
        assertEquals(u.getRawQuery(), r.uri().getRawQuery());
        assertFalse(firing.toString().contains("po-token"), "the URL with the token is a secret");
    }

    @Test
    void victoropsPostsAFlatObjectToTheRoutingKeysUrl() throws Exception {
        IntegrationConfig c = integrations().get("victorops");
        HttpJsonNotifier.withDefaults().send(render(c, false, 0), Duration.ofSeconds(5));
        HttpJsonNotifier.withDefaults().send(render(c, true, 0), Duration.ofSeconds(5));
        Request firing = requests.get(0);
        assertEquals("/victorops/vo-key/node-team", firing.uri().getPath());
        JsonNode f = firing.json();
        assertEquals(List.of("entity_display_name", "entity_id", "message_type", "monitoring_tool", "runbook", "state_message"),
                iterate(f), "a Go map: sorted keys, custom fields beside the standard ones");
        assertEquals("CRITICAL", f.path("message_type").asText(), "PAGE is not a VictorOps event type");
        assertEquals(IntegrationPayloads.hash(GROUP_KEY), f.path("entity_id").asText());
        assertEquals("[FIRING:1] HighCPU (a:9100 node)", f.path("entity_display_name").asText());
        assertEquals("Vigil", f.path("monitoring_tool").asText());
        assertEquals("http://runbooks/HighCPU", f.path("runbook").asText());
        assertEquals("RECOVERY", requests.get(1).json().path("message_type").asText());
    }

    @Test
    void incidentioGetsTheWebhookMessageVersionOneWithTheTokenAsBearer() throws Exception {
        IntegrationConfig c = integrations().get("incidentio");
        HttpJsonNotifier.withDefaults().send(render(c, false, 2), Duration.ofSeconds(5));
        Request r = requests.get(0);
        assertEquals("/incidentio/alert-events/http/src-1", r.uri().getPath());
        assertEquals("Bearer io-token", r.headers().get("Authorization"));
        JsonNode b = r.json();
        assertEquals("1", b.path("version").asText());
        assertEquals(GROUP_KEY, b.path("groupKey").asText(), "the group key as it is, not hashed");
        assertEquals(2, b.path("truncatedAlerts").asInt());
        assertEquals("firing", b.path("alerts").get(0).path("status").asText());
        assertEquals("HighCPU", b.path("commonLabels").path("alertname").asText());
    }

    @Test
    void incidentiosTokenTakesThePlaceOfTheGlobalAuthorization() throws Exception {
        IntegrationConfig c = AlertmanagerConfigLoader.parse("""
                global:
                  http_config: {authorization: {credentials: global-token}}
                route: {receiver: io}
                receivers:
                  - name: io
                    incidentio_configs:
                      - url: %s/incidentio/x
                        alert_source_token: io-token
                """.formatted(base)).receivers().get(0).integrations().get(0);
        HttpJsonNotifier.withDefaults().send(render(c, false, 0), Duration.ofSeconds(5));
        assertEquals("Bearer io-token", requests.get(0).headers().get("Authorization"));
        assertEquals(1, requests.get(0).authorizations(), "one Authorization header, not two");
        assertThrows(dev.vigil.alert.config.am.ConfigException.class, () -> AlertmanagerConfigLoader.parse(
                "route: {receiver: io}\nreceivers: [{name: io, incidentio_configs: [{url: 'http://x/', alert_source_token: t, max_alerts: -1}]}]"));
    }

    @Test
    void victoropsEscapesTheRoutingKeyInThePath() {
        IntegrationConfig c = AlertmanagerConfigLoader.parse("""
                global: {victorops_api_key: vo-key}
                route: {receiver: vo}
                receivers: [{name: vo, victorops_configs: [{routing_key: 'team ops', api_url: 'http://x/alert/'}]}]
                """).receivers().get(0).integrations().get(0);
        assertEquals("http://x/alert/vo-key/team%20ops", render(c, false, 0).url().value());
    }

    @Test
    void incidentioKeepsOnlyTheFirstAlertOfAnOversizedMessage() throws Exception {
        TemplateData many = data(false, 3000);
        String json = Payloads.webhookJson(many, GROUP_KEY, 0, "1");
        assertTrue(json.length() > OnCallPayloads.INCIDENTIO_MAX_BYTES, "the test's message is over the limit: " + json.length());
        HttpNotification n = new OnCallPayloads(DefaultTemplates.newSet()).incidentio("all", "all/incidentio[0]", GROUP_KEY,
                integrations().get("incidentio"), many, 0);
        assertEquals(1, JSON.readTree(n.json()).path("alerts").size());
    }

    @Test
    void rocketchatPostsOneAttachmentWithTheTokenPairAndReadsTheAnswer() throws Exception {
        IntegrationConfig c = integrations().get("rocketchat");
        HttpJsonNotifier.withDefaults().send(render(c, false, 0), Duration.ofSeconds(5));
        Request r = requests.get(0);
        assertEquals("/rocket/api/v1/chat.postMessage", r.uri().getPath());
        assertEquals("rc-token", r.headers().get("X-Auth-Token"));
        assertEquals("rc-user", r.headers().get("X-User-Id"));
        JsonNode b = r.json();
        assertEquals("#ops", b.path("channel").asText());
        JsonNode att = b.path("attachments").get(0);
        assertEquals("red", att.path("color").asText());
        assertEquals("[FIRING:1] HighCPU (a:9100 node)", att.path("title").asText());
        assertEquals("http://vigil:9093/#/alerts?receiver=all", att.path("title_link").asText());
        assertEquals("a:9100", att.path("fields").get(0).path("value").asText());
        assertFalse(att.path("fields").get(0).path("short").asBoolean());
        assertEquals("button", att.path("actions").get(0).path("type").asText());
        assertEquals("http://runbooks/x", att.path("actions").get(0).path("url").asText());
        assertFalse(b.has("emoji"), "empty fields are left out");

        answer = "{\"success\":false,\"error\":\"error-invalid-channel\"}";
        NotifyException refused = assertThrows(NotifyException.class,
                () -> HttpJsonNotifier.withDefaults().send(render(c, false, 0), Duration.ofSeconds(5)));
        assertTrue(refused.getMessage().contains("error-invalid-channel"), refused.getMessage());
        assertFalse(refused.retryable(), "Rocket.Chat's refusal is not retried");
    }

    @Test
    void mattermostPostsTextAttachmentsAndANormalisedPriority() throws Exception {
        IntegrationConfig c = integrations().get("mattermost");
        HttpJsonNotifier.withDefaults().send(render(c, false, 0), Duration.ofSeconds(5));
        Request r = requests.get(0);
        assertEquals("/mattermost/hooks/mm-1", r.uri().getPath());
        JsonNode b = r.json();
        assertEquals(List.of("text", "channel", "username", "attachments", "priority"), iterate(b));
        assertTrue(b.path("text").asText().startsWith("#### [FIRING:1] HighCPU"), b.path("text").asText());
        assertEquals("Vigil", b.path("username").asText());
        JsonNode att = b.path("attachments").get(0);
        assertEquals("HighCPU", att.path("title").asText());
        assertEquals("danger", att.path("color").asText());
        assertEquals("node", att.path("fields").get(0).path("value").asText());
        assertTrue(att.path("fields").get(0).path("short").asBoolean());
        assertEquals("urgent", b.path("priority").path("priority").asText());
        assertTrue(b.path("priority").path("requested_ack").asBoolean());
        assertTrue(b.path("priority").path("persistent_notifications").asBoolean());
    }

    @Test
    void opsgenieWithUpdateAlertsAlsoPutsTheMessageAndDescriptionOfTheExistingAlert() throws Exception {
        IntegrationConfig c = AlertmanagerConfigLoader.parse("""
                global: {opsgenie_api_url: %s/opsgenie/, opsgenie_api_key: og-key}
                route: {receiver: og}
                receivers:
                  - name: og
                    opsgenie_configs:
                      - update_alerts: true
                        description: 'disk at {{ .CommonLabels.instance }}'
                        visible_to: [{name: 'sre,dba', type: teams}, {username: 'ann@example.org', type: user}]
                """.formatted(base)).receivers().get(0).integrations().get(0);
        HttpJsonNotifier.withDefaults().send(render(c, false, 0), Duration.ofSeconds(5));
        String alias = IntegrationPayloads.hash(GROUP_KEY);
        assertEquals(List.of("POST /opsgenie/v2/alerts", "PUT /opsgenie/v2/alerts/" + alias + "/message",
                "PUT /opsgenie/v2/alerts/" + alias + "/description"), requests.stream().map(r -> r.method() + " " + r.uri().getPath()).toList());
        JsonNode create = requests.get(0).json();
        assertEquals("[{\"name\":\"sre\",\"type\":\"team\"},{\"name\":\"dba\",\"type\":\"team\"},"
                + "{\"username\":\"ann@example.org\",\"type\":\"user\"}]", create.path("visibleTo").toString());
        assertEquals("identifierType=alias", requests.get(1).uri().getQuery());
        assertEquals(create.path("message").asText(), requests.get(1).json().path("message").asText());
        assertEquals("disk at a:9100", requests.get(2).json().path("description").asText());
        assertEquals("GenieKey og-key", requests.get(2).headers().get("Authorization"));
        assertThrows(dev.vigil.alert.config.am.ConfigException.class, () -> AlertmanagerConfigLoader.parse(
                "global: {opsgenie_api_key: k}\nroute: {receiver: og}\nreceivers: [{name: og, opsgenie_configs: [{visible_to: [{type: team}]}]}]"));
    }

    @Test
    void retryRulesAreTheNotifiers() {
        for (String kind : List.of("pushover", "victorops", "rocketchat", "mattermost")) {
            assertFalse(HttpJsonNotifier.retried(kind, 429), kind + " retries 5xx only");
        }
        assertTrue(HttpJsonNotifier.retried("incidentio", 429));
        assertFalse(HttpJsonNotifier.retried("incidentio", 400));
    }

    private static List<String> iterate(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
