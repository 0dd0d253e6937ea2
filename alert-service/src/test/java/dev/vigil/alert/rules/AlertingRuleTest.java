package dev.vigil.alert.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertingRuleTest {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final Labels SERIES = Labels.of("__name__", "node_load", "instance", "win-1:9182", "os", "windows");
    static final RuleTemplates TEMPLATES = new RuleTemplates(Map.of("cluster", "prod"), "http://vigil");

    final List<VectorSample> current = new ArrayList<>();
    final QueryFunction query = (expr, t) -> List.copyOf(current);

    static RuleDefinition.Alerting def(Duration hold, Duration keep) {
        return new RuleDefinition.Alerting("HighLoad", "node_load > 2", hold, keep,
                Map.of("severity", "{{ if gt $value 3.0 }}critical{{ else }}warning{{ end }}"),
                Map.of("summary", "{{ $labels.instance }} load {{ $value }} in {{ $externalLabels.cluster }}"));
    }

    static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    AlertInstance only(AlertingRule r) {
        assertEquals(1, r.alerts().size());
        return r.alerts().get(0);
    }

    @Test
    void pendingBecomesFiringAfterForAndKeepsActiveAt() throws Exception {
        AlertingRule r = new AlertingRule(def(Duration.ofMinutes(5), Duration.ZERO), TEMPLATES);
        current.add(new VectorSample(SERIES, 2.5));
        List<VectorSample> out = r.eval(at(0), query, 0);
        assertEquals(AlertState.PENDING, only(r).state());
        assertEquals(Labels.of("__name__", "ALERTS", "alertname", "HighLoad", "alertstate", "pending", "instance", "win-1:9182",
                "os", "windows", "severity", "warning"), out.get(0).labels());
        assertEquals(T0.getEpochSecond(), out.get(1).value());
        assertTrue(r.alertsToSend(at(0), Duration.ofMinutes(1), Duration.ofMinutes(1), "u").isEmpty(), "pending alerts are not sent");
        r.eval(at(4), query, 0);
        assertEquals(AlertState.PENDING, only(r).state());
        r.eval(at(5), query, 0);
        assertEquals(AlertState.FIRING, only(r).state());
        assertEquals(at(0), only(r).activeAt());
        assertEquals("win-1:9182 load 2.5 in prod", only(r).annotations().get("summary"));
        List<OutgoingAlert> sent = r.alertsToSend(at(5), Duration.ofMinutes(1), Duration.ofMinutes(1), "u");
        assertEquals(1, sent.size());
        assertEquals(at(5), sent.get(0).startsAt());
        assertEquals(at(9), sent.get(0).endsAt(), "valid for four intervals");
    }

    @Test
    void firingAlertsAreResentAfterResendDelayOnly() throws Exception {
        AlertingRule r = new AlertingRule(def(Duration.ZERO, Duration.ZERO), TEMPLATES);
        current.add(new VectorSample(SERIES, 2.5));
        r.eval(at(0), query, 0);
        assertEquals(1, r.alertsToSend(at(0), Duration.ofMinutes(1), Duration.ofSeconds(30), "u").size());
        r.eval(at(1), query, 0);
        assertEquals(0, r.alertsToSend(at(1), Duration.ofMinutes(1), Duration.ofSeconds(30), "u").size());
        assertEquals(1, r.alertsToSend(at(1).plusSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(30), "u").size());
    }

    @Test
    void resolvedAlertIsSentWithItsEndAndKeptForFifteenMinutes() throws Exception {
        AlertingRule r = new AlertingRule(def(Duration.ZERO, Duration.ZERO), TEMPLATES);
        current.add(new VectorSample(SERIES, 2.5));
        r.eval(at(0), query, 0);
        r.alertsToSend(at(0), Duration.ofMinutes(1), Duration.ofMinutes(1), "u");
        current.clear();
        List<VectorSample> out = r.eval(at(10), query, 0);
        assertTrue(out.isEmpty(), "no ALERTS series for an inactive alert");
        assertEquals(AlertState.INACTIVE, only(r).state());
        List<OutgoingAlert> sent = r.alertsToSend(at(10), Duration.ofMinutes(1), Duration.ofMinutes(1), "u");
        assertEquals(at(10), sent.get(0).endsAt());
        r.eval(at(25), query, 0);
        assertEquals(1, r.alerts().size(), "kept for exactly 15 minutes");
        r.eval(at(26), query, 0);
        assertTrue(r.alerts().isEmpty());
    }

    @Test
    void pendingAlertThatDisappearsIsDroppedUnsent() throws Exception {
        AlertingRule r = new AlertingRule(def(Duration.ofMinutes(5), Duration.ZERO), TEMPLATES);
        current.add(new VectorSample(SERIES, 2.5));
        r.eval(at(0), query, 0);
        current.clear();
        r.eval(at(1), query, 0);
        assertTrue(r.alerts().isEmpty());
        current.add(new VectorSample(SERIES, 2.5));
        r.eval(at(2), query, 0);
        assertEquals(at(2), only(r).activeAt(), "the for timer restarts after a gap");
    }

    @Test
    void keepFiringForHoldsAFiringAlertAfterItsSeriesVanishes() throws Exception {
        AlertingRule r = new AlertingRule(def(Duration.ZERO, Duration.ofMinutes(2)), TEMPLATES);
        current.add(new VectorSample(SERIES, 2.5));
        r.eval(at(0), query, 0);
        current.clear();
        assertEquals(2, r.eval(at(1), query, 0).size());
        assertEquals(AlertState.FIRING, only(r).state());
        r.eval(at(2), query, 0);
        assertEquals(AlertState.FIRING, only(r).state());
        r.eval(at(3), query, 0);
        assertEquals(AlertState.INACTIVE, only(r).state());
        assertEquals(at(3), only(r).resolvedAt().orElseThrow());
    }

    @Test
    void restoredStateKeepsTheForTimerRunning() throws Exception {
        AlertingRule r = new AlertingRule(def(Duration.ofMinutes(5), Duration.ZERO), TEMPLATES);
        current.add(new VectorSample(SERIES, 2.5));
        r.eval(at(0), query, 0);
        r.eval(at(3), query, 0);
        String saved = AlertStateCodec.toJson(r.alerts());

        AlertingRule restarted = new AlertingRule(def(Duration.ofMinutes(5), Duration.ZERO), TEMPLATES);
        restarted.restore(AlertStateCodec.fromJson(saved));
        restarted.eval(at(4), query, 0);
        assertEquals(AlertState.PENDING, only(restarted).state());
        restarted.eval(at(5), query, 0);
        assertEquals(AlertState.FIRING, only(restarted).state(), "fires 5m after the original activeAt");
        assertEquals(r.alerts().get(0).labels(), only(restarted).labels());
    }

    @Test
    void labelTemplatesSeeTheValue() throws Exception {
        AlertingRule r = new AlertingRule(def(Duration.ZERO, Duration.ZERO), TEMPLATES);
        current.add(new VectorSample(SERIES, 3.5));
        r.eval(at(0), query, 0);
        assertEquals("critical", only(r).labels().get("severity"));
    }

    @Test
    void duplicateLabelSetsAndLimitsAreErrors() {
        AlertingRule r = new AlertingRule(def(Duration.ZERO, Duration.ZERO), TEMPLATES);
        current.add(new VectorSample(SERIES, 2.5));
        current.add(new VectorSample(SERIES.toBuilder().set("__name__", "other").build(), 2.5));
        RuleEvaluationException dup = assertThrows(RuleEvaluationException.class, () -> r.eval(at(0), query, 0));
        assertEquals("vector contains metrics with the same labelset after applying alert labels", dup.getMessage());
        current.remove(1);
        current.add(new VectorSample(SERIES.toBuilder().set("instance", "win-2:9182").build(), 2.5));
        RuleEvaluationException limit = assertThrows(RuleEvaluationException.class, () -> r.eval(at(0), query, 1));
        assertEquals("exceeded limit of 1 with 2 alerts", limit.getMessage());
        assertTrue(r.alerts().isEmpty());
    }

    @Test
    void annotationTemplatesCanQueryAtTheEvaluationTime() throws Exception {
        RuleDefinition.Alerting d = new RuleDefinition.Alerting("Q", "node_load > 2", Duration.ZERO, Duration.ZERO, Map.of(),
                Map.of("cores", "{{ with query \"count(node_cpu)\" }}{{ . | first | value }} cores{{ end }}",
                        "link", "{{ externalURL }}{{ graphLink \"up\" }}",
                        "top", "{{ range query \"node_load\" | sortByLabel \"instance\" }}{{ label \"instance\" . }} {{ end }}"));
        List<Instant> asked = new ArrayList<>();
        QueryFunction q = (expr, t) -> {
            asked.add(t);
            return switch (expr) {
                case "count(node_cpu)" -> List.of(new VectorSample(Labels.EMPTY, 8));
                case "node_load" -> List.of(new VectorSample(Labels.of("instance", "b"), 1), new VectorSample(Labels.of("instance", "a"), 1));
                default -> List.of(new VectorSample(SERIES, 2.5));
            };
        };
        AlertingRule r = new AlertingRule(d, TEMPLATES);
        r.eval(at(3), q, 0);
        assertEquals("8 cores", only(r).annotations().get("cores"));
        assertEquals("http://vigil/graph?g0.expr=up&g0.tab=0", only(r).annotations().get("link"));
        assertEquals("a b ", only(r).annotations().get("top"));
        assertTrue(asked.stream().allMatch(at(3)::equals), "template queries run at the evaluation time");
    }

    @Test
    void templateErrorsBecomeTheAnnotationText() throws Exception {
        RuleDefinition.Alerting d = new RuleDefinition.Alerting("T", "x", Duration.ZERO, Duration.ZERO, Map.of(),
                Map.of("s", "{{ index $labels 1 }}"));
        AlertingRule r = new AlertingRule(d, TEMPLATES);
        current.add(new VectorSample(SERIES, 1));
        r.eval(at(0), query, 0);
        assertTrue(only(r).annotations().get("s").startsWith("<error expanding template: template: __alert_T:"));
    }
}
