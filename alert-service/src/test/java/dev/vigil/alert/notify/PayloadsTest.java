package dev.vigil.alert.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.config.am.AlertmanagerConfig;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.routing.Alert;
import dev.vigil.model.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static Alert alert(String instance, Map<String, String> annotations, Instant start, Instant end, String url) {
        return new Alert(Labels.of("alertname", "HighCPU", "instance", instance, "job", "node"), annotations, start, end, url,
                NOW, false);
    }

    static TemplateData data(String receiver) {
        List<Alert> alerts = List.of(
                alert("a:9100", Map.of("summary", "CPU > 90% & rising"), Instant.parse("2026-01-05T09:59:00.500Z"),
                        NOW.plusSeconds(300), "http://prom/graph?g0.expr=x"),
                alert("b:9100", Map.of(), Instant.parse("2026-01-05T09:00:00Z"), Instant.parse("2026-01-05T09:59:59.123Z"), ""));
        return TemplateData.of(receiver, Labels.of("alertname", "HighCPU"), alerts, NOW, "http://vigil:9093");
    }

    @Test
    void webhookPayloadMatchesAlertmanagerVersion4ByteForByte() throws Exception {
        String golden = Files.readString(Path.of("src/test/resources/am/webhook-v4.json")).strip();
        assertEquals(golden, Payloads.webhookJson(data("team-x.ops"), "{}/{job=\"node\"}:{alertname=\"HighCPU\"}", 0));
    }

    @Test
    void aWebhookUrlTemplateIsExpandedForTheGroup() {
        AlertmanagerConfig c = AlertmanagerConfigLoader.parse("""
                route: {receiver: hook}
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: 'http://hooks.example/{{ .GroupLabels.alertname }}'
                      - url: '{{ .CommonLabels.job }}'
                      - url: 'http://plain.example/x'
                """);
        Payloads p = new Payloads(DefaultTemplates.newSet());
        var hooks = c.receivers().get(0).webhookConfigs();
        assertEquals("http://hooks.example/HighCPU", p.webhook("hook", "hook/webhook[0]", "k", hooks.get(0), data("hook"), 0).url().value());
        assertEquals("http://plain.example/x", p.webhook("hook", "hook/webhook[2]", "k", hooks.get(2), data("hook"), 0).url().value());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> p.webhook("hook", "hook/webhook[1]", "k", hooks.get(1), data("hook"), 0), "\"node\" is no URL");
    }

    @Test
    void subjectFollowsAlertmanagersDefaultTemplate() {
        TemplateData d = data("ops");
        String subject = DefaultTemplates.newSet().expand("{{ template \"__subject\" . }}", d);
        assertEquals("[FIRING:1] HighCPU (node)", subject);
        TemplateData resolved = TemplateData.of("ops", Labels.of("alertname", "HighCPU"),
                List.of(alert("b:9100", Map.of(), NOW.minusSeconds(60), NOW.minusSeconds(1), "")), NOW, "http://vigil");
        assertEquals("[RESOLVED] HighCPU (b:9100 node)", DefaultTemplates.newSet().expand("{{ template \"__subject\" . }}", resolved));
    }

    static AlertmanagerConfig config() {
        return AlertmanagerConfigLoader.load(Path.of("src/test/resources/am/alertmanager.yml"));
    }

    @Test
    void slackAttachmentUsesDefaultTemplatesAndColor() throws Exception {
        Payloads p = new Payloads(DefaultTemplates.newSet());
        HttpNotification n = p.slack("team-x-slack", "team-x-slack/slack[0]", "g", config().receiver("team-x-slack").orElseThrow()
                .slackConfigs().get(0), data("team-x-slack"));
        JsonNode req = JSON.readTree(n.json());
        assertEquals("#team-x", req.get("channel").asText());
        assertEquals("Vigil", req.get("username").asText());
        JsonNode att = req.get("attachments").get(0);
        assertEquals("[FIRING:1] HighCPU (node)", att.get("title").asText());
        assertEquals("http://vigil:9093/#/alerts?receiver=team-x-slack", att.get("title_link").asText());
        assertEquals("[FIRING:1] HighCPU (node) | http://vigil:9093/#/alerts?receiver=team-x-slack", att.get("fallback").asText());
        assertEquals("danger", att.get("color").asText());
        assertEquals("", att.get("text").asText());
        assertFalse(att.has("pretext"), "empty optional fields are omitted as Go's omitempty does");
        assertEquals("[\"fallback\",\"pretext\",\"text\"]", att.get("mrkdwn_in").toString());
        assertEquals("https://hooks.slack.com/services/T000/B000/XXXXSECRET", n.url().value());
        assertFalse(n.toString().contains("XXXXSECRET"));
    }

    @Test
    void teamsMessageCardIsRedWhileFiring() throws Exception {
        Payloads p = new Payloads(DefaultTemplates.newSet());
        HttpNotification n = p.msteams("team-db-teams", "i", "g", config().receiver("team-db-teams").orElseThrow()
                .msteamsConfigs().get(0), data("team-db-teams"));
        JsonNode card = JSON.readTree(n.json());
        assertEquals(List.of("@context", "type", "title", "summary", "text", "themeColor"), iterate(card));
        assertEquals("MessageCard", card.get("type").asText());
        assertEquals("8C1A1A", card.get("themeColor").asText());
        assertTrue(card.get("text").asText().contains("# Alerts Firing:"));
        assertTrue(card.get("text").asText().contains("  - instance = a:9100"));
        assertTrue(card.get("text").asText().contains("# Alerts Resolved:"));
    }

    static List<String> iterate(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void emailHasExpandedHeadersAndBothBodies() {
        Payloads p = new Payloads(DefaultTemplates.newSet());
        EmailMessage m = p.email("team-ops-mails", "i", "g", config().receiver("team-ops-mails").orElseThrow()
                .emailConfigs().get(0), data("team-ops-mails"));
        assertEquals("[FIRING:1] HighCPU (node)", m.subject());
        assertEquals("ops@example.org", m.headers().get("To"));
        assertEquals("alertmanager@example.org", m.headers().get("From"));
        assertTrue(m.html().contains("2 alerts for alertname=HighCPU"));
        assertTrue(m.html().contains("CPU &gt; 90% &amp; rising"), "HTML body escapes annotation text");
        assertTrue(m.text().contains("Alerts Firing:\nLabels:\n - alertname = HighCPU"));
        assertTrue(m.text().contains("Alerts Resolved:"));
        assertFalse(m.toString().contains("s3cr3t-smtp"));
    }
}
