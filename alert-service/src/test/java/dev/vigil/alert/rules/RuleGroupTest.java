package dev.vigil.alert.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleGroupTest {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    final Map<String, List<VectorSample>> results = new HashMap<>();
    final QueryFunction query = (expr, t) -> {
        if (expr.startsWith("up")) {
            throw new QueryException("connection refused");
        }
        if (expr.startsWith("boom")) {
            throw new IllegalStateException("client bug");
        }
        return results.getOrDefault(expr, List.of());
    };

    RuleGroup group() {
        RuleGroupDefinition def = new RuleFileLoader(ExpressionParser.PROMQL)
                .load(Path.of("src/test/resources/rules/node.rules.yml")).get(0);
        return new RuleGroup(def, Duration.ofMinutes(1), RuleGroup.DEFAULT_RESEND_DELAY, new RuleTemplates(Map.of(), ""),
                "http://vigil:9090");
    }

    @Test
    void recordingRulesRenameAndLabelTheirResultAndVanishedSeriesGoStale() {
        RuleGroup g = group();
        String rec = "1 - avg without (cpu) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))";
        results.put(rec, List.of(new VectorSample(Labels.of("instance", "a", "source", "x"), 0.5)));
        EvaluationResult r = g.evaluate(T0, query);
        assertEquals(List.of(new VectorSample(Labels.of("__name__", "instance:node_cpu_utilisation:rate5m", "instance", "a",
                "source", "vigil"), 0.5)), r.samples());
        results.put(rec, List.of());
        EvaluationResult next = g.evaluate(T0.plusSeconds(30), query);
        assertEquals(1, next.samples().size());
        assertTrue(StaleNaN.is(next.samples().get(0).value()));
    }

    @Test
    void alertsFlowFromRecordedSeriesToOutgoingAlertsWithGeneratorUrl() {
        RuleGroup g = group();
        results.put("instance:node_cpu_utilisation:rate5m > 0.9",
                List.of(new VectorSample(Labels.of("__name__", "instance:node_cpu_utilisation:rate5m", "instance", "a", "os", "linux"), 0.97)));
        List<OutgoingAlert> sent = new ArrayList<>();
        for (int s = 0; s <= 300; s += 30) {
            sent.addAll(g.evaluate(T0.plusSeconds(s), query).alerts());
        }
        assertEquals(1, sent.size());
        OutgoingAlert a = sent.get(0);
        assertEquals("critical", a.labels().get("severity"));
        assertEquals("CPU on a at 97%", a.annotations().get("summary"));
        assertEquals("http://vigil:9090/graph?g0.expr=instance%3Anode_cpu_utilisation%3Arate5m+%3E+0.9&g0.tab=1", a.generatorUrl());
        Map<String, List<AlertInstance>> state = g.alertState();
        assertEquals(List.of("node/HighCPU/0"), List.copyOf(state.keySet()));
    }

    @Test
    void aFailingRuleIsReportedAndTheOthersStillRun() throws Exception {
        RuleGroupDefinition def = new RuleFileLoader(ExpressionParser.PROMQL).parse("""
                groups:
                  - name: g
                    rules:
                      - {alert: Down, expr: up == 0}
                      - {alert: Boom, expr: boom > 0}
                      - {record: r, expr: vector(1)}
                """).get(0);
        results.put("vector(1)", List.of(new VectorSample(Labels.EMPTY, 1)));
        EvaluationResult r = new RuleGroup(def, Duration.ofMinutes(1), Duration.ofMinutes(1), new RuleTemplates(Map.of(), ""), "")
                .evaluate(T0, query);
        assertEquals(Map.of("Down", "connection refused", "Boom", "IllegalStateException: client bug"), r.errors());
        assertEquals(1, r.samples().size());
    }

    @Test
    void evaluationTimesAreAlignedToTheInterval() {
        RuleGroup g = group();
        Instant t = g.evaluationTime(T0.plusSeconds(7));
        assertTrue(!t.isAfter(T0.plusSeconds(7)) && t.isAfter(T0.minusSeconds(24)));
        assertEquals(t, g.evaluationTime(t.plusSeconds(29)));
        assertEquals(t.plusSeconds(30), g.evaluationTime(t.plusSeconds(30)));
    }

    @Test
    void aRunStartingJustBeforeItsSlotEvaluatesThatSlotNotThePreviousOne() {
        RuleGroup g = group(); // 30 s interval: up to 50 ms early counts
        Instant slot = g.evaluationTime(T0.plusSeconds(7)).plusSeconds(30);
        assertEquals(slot, g.slotOfRun(slot.minusMillis(3)));
        assertEquals(slot, g.slotOfRun(slot.minusMillis(49)));
        assertEquals(slot.minusSeconds(30), g.slotOfRun(slot.minusMillis(51)));
        assertEquals(slot, g.slotOfRun(slot.plusMillis(200)));
    }
}
