package dev.vigil.alert.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.config.am.MatcherParser;
import dev.vigil.alert.routing.ManualClock;
import dev.vigil.alert.silence.Silence;
import dev.vigil.alert.silence.Silences;
import dev.vigil.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingEngineTest {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z"); // a Monday
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONFIG = """
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 1h
              routes:
                - matchers: [team="night"]
                  receiver: hook
                  mute_time_intervals: [daytime]
            inhibit_rules:
              - source_matchers: [severity="critical"]
                target_matchers: [severity="warning"]
                equal: [alertname]
            receivers:
              - name: hook
                webhook_configs: [{url: 'http://127.0.0.1:1/hook'}]
                slack_configs: [{api_url: 'http://127.0.0.1:1/slack', send_resolved: false}]
            time_intervals:
              - name: daytime
                time_intervals: [{times: [{start_time: '08:00', end_time: '20:00'}]}]
            """;

    final ManualClock clock = new ManualClock(T0);
    final List<Notification> sent = new ArrayList<>();
    final Silences silences = new Silences(clock);
    NotificationLog log = new NotificationLog(clock);
    RoutingEngine engine = engine();

    RoutingEngine engine() {
        Notifier record = (n, timeout) -> sent.add(n);
        return new RoutingEngine(AlertmanagerConfigLoader.parse(CONFIG), DefaultTemplates.newSet(), silences, log,
                Map.of("webhook", record, "slack", record), "http://vigil", clock, n -> { });
    }

    void post(String name, String severity, Optional<Instant> endsAt) {
        engine.receive(Labels.of("alertname", name, "severity", severity), Map.of(), Optional.of(T0), endsAt, "");
    }

    void runUntil(Duration sinceT0) {
        Instant end = T0.plus(sinceT0);
        while (true) {
            Optional<Instant> next = engine.nextDeadline();
            if (next.isEmpty() || next.get().isAfter(end)) {
                break;
            }
            clock.set(next.get().isBefore(clock.instant()) ? clock.instant() : next.get());
            engine.tick();
        }
        clock.set(end);
    }

    List<String> kinds() {
        return sent.stream().map(Notification::kind).toList();
    }

    JsonNode lastWebhook() throws Exception {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i) instanceof HttpNotification h && h.kind().equals("webhook")) {
                return JSON.readTree(h.json());
            }
        }
        throw new AssertionError("no webhook sent");
    }

    /** Keeps an alert firing the way Prometheus does, by re-sending it before it times out. */
    void keepFiring(String name, Duration until) {
        for (Duration d = Duration.ZERO; d.compareTo(until) <= 0; d = d.plusMinutes(1)) {
            runUntil(d);
            post(name, "warning", Optional.empty());
        }
    }

    @Test
    void sendsAfterGroupWaitThenOnlyOnChangeOrAfterRepeatInterval() throws Exception {
        keepFiring("A", Duration.ofMinutes(1));
        assertEquals(List.of("webhook", "slack"), kinds());
        keepFiring("A", Duration.ofMinutes(59));
        assertEquals(2, sent.size(), "unchanged group is not resent before repeat_interval");
        keepFiring("A", Duration.ofMinutes(66));
        assertEquals(4, sent.size(), "resent after repeat_interval (at the 1h05m30s flush)");
        assertEquals("firing", lastWebhook().get("status").asText());
    }

    @Test
    void newAlertInGroupIsSentAtNextGroupInterval() throws Exception {
        post("A", "warning", Optional.of(T0.plusSeconds(3600)));
        runUntil(Duration.ofSeconds(30));
        engine.receive(Labels.of("alertname", "A", "severity", "warning", "instance", "2"), Map.of(), Optional.of(T0.plusSeconds(60)),
                Optional.of(T0.plusSeconds(3600)), "");
        runUntil(Duration.ofMinutes(5));
        assertEquals(2, sent.size());
        runUntil(Duration.ofSeconds(330));
        assertEquals(4, sent.size());
        assertEquals(2, lastWebhook().get("alerts").size());
    }

    @Test
    void resolvedAlertsGoToIntegrationsWithSendResolvedOnly() throws Exception {
        post("A", "warning", Optional.empty());
        runUntil(Duration.ofSeconds(30));
        clock.set(T0.plusSeconds(90));
        post("A", "warning", Optional.of(T0.plusSeconds(90)));
        runUntil(Duration.ofSeconds(330));
        assertEquals(List.of("webhook", "slack", "webhook"), kinds());
        JsonNode hook = lastWebhook();
        assertEquals("resolved", hook.get("status").asText());
        assertEquals("2026-01-05T10:01:30Z", hook.get("alerts").get(0).get("endsAt").asText());
        assertTrue(engine.dispatcher().groups().isEmpty());
    }

    @Test
    void restartWithRestoredLogDoesNotResendWithinRepeatInterval() {
        post("A", "warning", Optional.empty());
        runUntil(Duration.ofSeconds(30));
        assertEquals(2, sent.size());
        List<String> persisted = log.entries().stream().map(NotificationLog::toJson).toList();

        log = new NotificationLog(clock);
        log.restore(persisted.stream().map(NotificationLog::fromJson).toList());
        engine = engine();
        clock.set(T0.plusSeconds(120));
        post("A", "warning", Optional.of(T0.plusSeconds(3600)));
        runUntil(Duration.ofMinutes(20));
        assertEquals(2, sent.size(), "restored log says the group was notified less than repeat_interval ago");
    }

    @Test
    void inhibitedAndSilencedAlertsAreNotSent() {
        post("A", "critical", Optional.empty());
        post("A", "warning", Optional.empty());
        silences.set(new Silence("", MatcherParser.parseList("alertname=\"B\""), T0, T0.plusSeconds(3600), T0, "me", "quiet"));
        post("B", "warning", Optional.empty());
        runUntil(Duration.ofSeconds(30));
        List<String> alerts = new ArrayList<>();
        for (Notification n : sent) {
            if (n instanceof HttpNotification h && h.kind().equals("webhook")) {
                try {
                    JSON.readTree(h.json()).get("alerts").forEach(a -> alerts.add(a.get("labels").get("alertname").asText()
                            + "/" + a.get("labels").get("severity").asText()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertEquals(List.of("A/critical"), alerts);
        assertEquals(1, engine.silencedBy(Labels.of("alertname", "B")).size());
        assertTrue(engine.inhibitedBy(Labels.of("alertname", "A", "severity", "warning")).isPresent());
    }

    @Test
    void muteTimeIntervalSuppressesNotificationsUntilItEnds() {
        // 10:00 UTC is inside 08:00-20:00.
        engine.receive(Labels.of("alertname", "N", "team", "night"), Map.of(), Optional.of(T0), Optional.of(T0.plus(Duration.ofHours(12))), "");
        runUntil(Duration.ofHours(9));
        assertTrue(sent.isEmpty());
        runUntil(Duration.ofMinutes(605));
        assertEquals(List.of("webhook", "slack"), kinds(), "sent at the first flush after 20:00");
    }

    @Test
    void reloadKeepsAlertsAndDoesNotRenotify() {
        post("A", "warning", Optional.of(T0.plusSeconds(3600)));
        runUntil(Duration.ofSeconds(30));
        assertEquals(2, sent.size());
        Notifier record = (n, timeout) -> sent.add(n);
        engine = engine.reload(AlertmanagerConfigLoader.parse(CONFIG.replace("repeat_interval: 1h", "repeat_interval: 2h")),
                DefaultTemplates.newSet(), Map.of("webhook", record, "slack", record));
        assertEquals(1, engine.dispatcher().alerts().size());
        runUntil(Duration.ofMinutes(50));
        assertEquals(2, sent.size(), "the same group key and log entry: nothing new to send");
        assertEquals(1, engine.dispatcher().groups().size());
    }

    @Test
    void notificationLogEntriesRoundTripThroughJson() {
        NotificationEntry e = log.log("{}:{a=\"1\"}", "hook/webhook[0]", java.util.Set.of(-1L, 5L), java.util.Set.of(7L), T0, T0.plusSeconds(7200));
        String json = NotificationLog.toJson(e);
        assertTrue(json.contains("\"ffffffffffffffff\""));
        assertEquals(e, NotificationLog.fromJson(json));
    }
}
