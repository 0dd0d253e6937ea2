package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alert.config.am.AlertmanagerConfig;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.config.am.IntegrationConfig;
import dev.vigil.alert.config.am.ReceiverConfig;
import dev.vigil.alert.routing.Alert;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PagerDuty, Opsgenie, Telegram, Discord, Webex and Teams workflow notifications sent to a real
 * local HTTP server standing in for each service: the request Alertmanager's notifier sends
 * (path, authorization, JSON), for a firing group and for the same group resolved.
 */
class IntegrationNotifiersTest {
    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP_KEY = "{}:{alertname=\"HighCPU\"}";

    record Request(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    HttpJsonNotifier notifier;
    String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().toString(), ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().contains("pagerduty") ? 202 : 200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        notifier = HttpJsonNotifier.withDefaults();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ReceiverConfig receiver() {
        AlertmanagerConfig c = AlertmanagerConfigLoader.parse("""
                global:
                  pagerduty_url: %1$s/pagerduty/v2/enqueue
                  opsgenie_api_url: %1$s/opsgenie
                  opsgenie_api_key: og-key
                  telegram_api_url: %1$s/telegram
                  webex_api_url: %1$s/webex/v1/messages
                route:
                  receiver: all
                receivers:
                  - name: all
                    pagerduty_configs:
                      - routing_key: pd-routing-key
                        severity: '{{ .CommonLabels.severity }}'
                        links: [{href: 'http://runbooks/{{ .GroupLabels.alertname }}', text: runbook}]
                    opsgenie_configs:
                      - tags: 'cpu,{{ .CommonLabels.job }}'
                        responders: [{name: sre, type: team}]
                    telegram_configs:
                      - bot_token: 123:tg-token
                        chat_id: -1001234567890
                        message: 'fired: {{ .CommonAnnotations.summary }}'
                    discord_configs:
                      - webhook_url: %1$s/discord/api/webhooks/1/dc-token
                    webex_configs:
                      - room_id: room-1
                        http_config:
                          authorization: {credentials: webex-bot-token}
                    msteamsv2_configs:
                      - webhook_url: %1$s/teams/workflows/wf-token
                """.formatted(base));
        return c.receivers().get(0);
    }

    private TemplateData data(boolean resolved) {
        Alert a = new Alert(Labels.of("alertname", "HighCPU", "instance", "a:9100", "job", "node", "severity", "critical"),
                Map.of("summary", "CPU <90%> & rising"), NOW.minusSeconds(60), resolved ? NOW.minusSeconds(1) : NOW.plusSeconds(300),
                "http://prom/graph", NOW, false);
        return TemplateData.of("all", Labels.of("alertname", "HighCPU"), List.of(a), NOW, "http://vigil:9093");
    }

    private void sendAll(boolean resolved) throws Exception {
        Payloads payloads = new Payloads(DefaultTemplates.newSet());
        int i = 0;
        for (IntegrationConfig c : receiver().integrations()) {
            notifier.send(payloads.integrations().render("all", "all/" + c.type() + "[0]", GROUP_KEY, c, data(resolved), 0), Duration.ofSeconds(10));
            i++;
        }
        assertEquals(6, i);
    }

    private Request request(String pathPart) {
        return requests.stream().filter(r -> r.path().contains(pathPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no request to " + pathPart + " among " + requests));
    }

    @Test
    void firingGroupsAreSentAsAlertmanagerSendsThem() throws Exception {
        sendAll(false);
        String dedup = IntegrationPayloads.hash(GROUP_KEY);
        assertEquals(64, dedup.length());

        Request pd = request("/pagerduty/v2/enqueue");
        assertEquals("POST", pd.method());
        assertEquals("application/json", pd.contentType());
        assertEquals("pd-routing-key", pd.body().path("routing_key").asText());
        assertEquals(dedup, pd.body().path("dedup_key").asText());
        assertEquals("trigger", pd.body().path("event_action").asText());
        assertEquals("[FIRING:1] HighCPU (a:9100 node critical)", pd.body().path("payload").path("summary").asText());
        assertEquals("critical", pd.body().path("payload").path("severity").asText());
        assertEquals("Vigil", pd.body().path("client").asText(), "__alertmanager names this system");
        assertEquals(1, pd.body().path("payload").path("custom_details").path("num_firing").asInt());
        assertTrue(pd.body().path("payload").path("custom_details").path("num_firing").isNumber(), "details are read as YAML");
        assertEquals("a:9100", pd.body().path("payload").path("custom_details").path("firing").get(0).path("labels").path("instance").asText());
        assertEquals("http://runbooks/HighCPU", pd.body().path("links").get(0).path("href").asText());

        Request og = request("/opsgenie/v2/alerts");
        assertEquals("GenieKey og-key", og.authorization());
        assertEquals(dedup, og.body().path("alias").asText());
        assertEquals("[FIRING:1] HighCPU (a:9100 node critical)", og.body().path("message").asText());
        assertEquals("critical", og.body().path("details").path("severity").asText(), "common labels become details");
        assertEquals(List.of("cpu", "node"), List.of(og.body().path("tags").get(0).asText(), og.body().path("tags").get(1).asText()));
        assertEquals("team", og.body().path("responders").get(0).path("type").asText());

        Request tg = request("/telegram/bot123:tg-token/sendMessage");
        assertEquals("-1001234567890", tg.body().path("chat_id").asText());
        assertTrue(tg.body().path("chat_id").isTextual(), "every value a string, as the Go client sends them");
        assertEquals("HTML", tg.body().path("parse_mode").asText());
        assertEquals("fired: CPU &lt;90%&gt; &amp; rising", tg.body().path("text").asText(), "HTML mode escapes the values");
        assertEquals("true", tg.body().path("disable_web_page_preview").asText());

        Request dc = request("/discord/api/webhooks/1/dc-token");
        assertEquals("", dc.body().path("content").asText());
        assertEquals(10038562, dc.body().path("embeds").get(0).path("color").asInt());
        assertEquals("[FIRING:1] HighCPU (a:9100 node critical)", dc.body().path("embeds").get(0).path("title").asText());

        Request wx = request("/webex/v1/messages");
        assertEquals("Bearer webex-bot-token", wx.authorization());
        assertEquals("room-1", wx.body().path("roomId").asText());
        assertTrue(wx.body().path("markdown").asText().startsWith("CPU <90%> & rising"), wx.body().toString());

        Request teams = request("/teams/workflows/wf-token");
        assertEquals("message", teams.body().path("type").asText());
        JsonNode card = teams.body().path("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", card.path("contentType").asText());
        assertTrue(card.has("contentUrl") && card.path("contentUrl").isNull());
        assertEquals("AdaptiveCard", card.path("content").path("type").asText());
        assertEquals("Attention", card.path("content").path("body").get(0).path("color").asText());
        assertEquals("full", card.path("content").path("msteams").path("width").asText());
    }

    @Test
    void resolvedGroupsResolveCloseAndTurnGreen() throws Exception {
        sendAll(true);
        String dedup = IntegrationPayloads.hash(GROUP_KEY);
        Request pd = request("/pagerduty/v2/enqueue");
        assertEquals("resolve", pd.body().path("event_action").asText());
        assertEquals(dedup, pd.body().path("dedup_key").asText(), "the same key resolves the incident it opened");
        Request og = request("/opsgenie/v2/alerts/" + dedup + "/close?identifierType=alias");
        assertEquals("http://vigil:9093/#/alerts?receiver=all", og.body().path("source").asText());
        assertEquals(3066993, request("/discord/").body().path("embeds").get(0).path("color").asInt());
        assertEquals("Good", request("/teams/").body().path("attachments").get(0).path("content").path("body").get(0).path("color").asText());
        assertFalse(requests.isEmpty());
    }

    @Test
    void truncationIsInRunesOrBytesAsAlertmanagerCounts() {
        assertEquals("abc", IntegrationPayloads.truncateRunes("abcdef", 3));
        assertEquals("abcd", IntegrationPayloads.truncateRunes("abcd", 4));
        assertEquals("abc…", IntegrationPayloads.truncateRunes("abcdef", 4));
        assertEquals("ab…", IntegrationPayloads.truncateBytes("abcdef", 5));
        assertEquals("é…", IntegrationPayloads.truncateBytes("ééé", 5), "never splits a character");
    }

    @Test
    void notifierRetryRulesFollowEachIntegration() {
        assertTrue(HttpJsonNotifier.retried("pagerduty", 429));
        assertFalse(HttpJsonNotifier.retried("discord", 429));
        assertTrue(HttpJsonNotifier.retried("telegram", 400));
        assertFalse(HttpJsonNotifier.retried("webhook", 404));
    }
}
