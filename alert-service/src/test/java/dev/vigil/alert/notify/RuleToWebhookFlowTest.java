package dev.vigil.alert.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.routing.ManualClock;
import dev.vigil.alert.rules.ExpressionParser;
import dev.vigil.alert.rules.OutgoingAlert;
import dev.vigil.alert.rules.QueryFunction;
import dev.vigil.alert.rules.RuleFileLoader;
import dev.vigil.alert.rules.RuleGroup;
import dev.vigil.alert.rules.RuleTemplates;
import dev.vigil.alert.rules.VectorSample;
import dev.vigil.alert.silence.Silences;
import dev.vigil.model.Labels;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A rule fires, is routed and grouped, and arrives at a real HTTP endpoint as webhook v4; then resolves. */
class RuleToWebhookFlowTest {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void windowsNodeDownTravelsFromRuleToWebhookAndResolves() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            ManualClock clock = new ManualClock(T0);
            String config = """
                    route:
                      receiver: ops
                      group_by: [alertname, os]
                      group_wait: 30s
                      group_interval: 5m
                    receivers:
                      - name: ops
                        webhook_configs: [{url: 'http://127.0.0.1:%d/alerts'}]
                    """.formatted(server.getAddress().getPort());
            HttpJsonNotifier http = new HttpJsonNotifier(HttpClient.newHttpClient(), clock, clock::advance,
                    Duration.ofMillis(100), Duration.ofSeconds(1));
            RoutingEngine engine = new RoutingEngine(AlertmanagerConfigLoader.parse(config), DefaultTemplates.newSet(),
                    new Silences(clock), new NotificationLog(clock), Map.of("webhook", http), "http://vigil:9093", clock, n -> { });
            RuleGroup group = new RuleGroup(new RuleFileLoader(ExpressionParser.PROMQL)
                    .load(java.nio.file.Path.of("src/test/resources/rules/node.rules.yml")).get(1),
                    Duration.ofSeconds(30), RuleGroup.DEFAULT_RESEND_DELAY, new RuleTemplates(Map.of(), ""), "http://vigil:9090");

            List<VectorSample> down = new ArrayList<>(List.of(new VectorSample(Labels.of("__name__", "up", "instance", "win-1:9182",
                    "job", "node", "os", "windows"), 0)));
            QueryFunction query = (expr, t) -> List.copyOf(down);
            for (int s = 0; s <= 900; s += 30) {
                clock.set(T0.plusSeconds(s));
                if (s == 420) {
                    down.clear();
                }
                for (OutgoingAlert a : group.evaluate(clock.instant(), query).alerts()) {
                    engine.receive(a.labels(), a.annotations(), Optional.of(a.startsAt()), Optional.of(a.endsAt()), a.generatorUrl());
                }
                engine.tick();
            }
            assertEquals(2, received.size(), "one firing notification, one resolved");
            ObjectMapper json = new ObjectMapper();
            JsonNode firing = json.readTree(received.get(0));
            assertEquals("firing", firing.get("status").asText());
            assertEquals("{}:{alertname=\"WindowsNodeDown\", os=\"windows\"}", firing.get("groupKey").asText());
            assertEquals("critical", firing.get("commonLabels").get("severity").asText());
            assertEquals("http://vigil:9090/graph?g0.expr=up%7Bos%3D%22windows%22%7D+%3D%3D+0&g0.tab=1",
                    firing.get("alerts").get(0).get("generatorURL").asText());
            JsonNode resolved = json.readTree(received.get(1));
            assertEquals("resolved", resolved.get("status").asText());
            assertEquals("2026-01-05T10:07:00Z", resolved.get("alerts").get(0).get("endsAt").asText());
        } finally {
            server.stop(0);
        }
    }
}
