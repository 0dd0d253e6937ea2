package dev.vigil.alert.rules;

import dev.vigil.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An alerting rule with Prometheus 2.42's state machine ({@code rules/alerting.go}): each result
 * series becomes an alert, pending until it has been active for {@code for}, then firing; when
 * its series disappears a firing alert stays firing for {@code keep_firing_for}, then resolves
 * and is kept (and re-sent) for 15 minutes; a pending alert just disappears. {@code activeAt}
 * survives as long as the series does. Labels are the series labels without the metric name,
 * plus the rule labels (templated), plus {@code alertname}. Not thread-safe: one group evaluates it.
 */
public final class AlertingRule implements Rule {
    /** How long resolved alerts are kept and re-sent, as Prometheus' resolvedRetention. */
    public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

    private final RuleDefinition.Alerting def;
    private final RuleTemplates templates;
    private final Map<Labels, AlertInstance> active = new LinkedHashMap<>();

    public AlertingRule(RuleDefinition.Alerting def, RuleTemplates templates) {
        this.def = def;
        this.templates = templates;
    }

    @Override
    public RuleDefinition.Alerting definition() {
        return def;
    }

    /**
     * Evaluates at {@code ts} and returns the {@code ALERTS} and {@code ALERTS_FOR_STATE} samples
     * of the pending and firing alerts. On failure the alert state is left as it was (except a
     * breached limit, which clears it, as in Prometheus).
     */
    @Override
    public List<VectorSample> eval(Instant ts, QueryFunction query, int limit) throws RuleEvaluationException {
        List<VectorSample> result;
        try {
            result = query.query(def.expr(), ts);
        } catch (QueryException e) {
            throw new RuleEvaluationException(e.getMessage(), e);
        }
        Map<Labels, AlertInstance> found = new HashMap<>();
        RuleTemplates.Expander expander = templates.expander(ts, query);
        for (VectorSample s : result) {
            Labels.Builder b = s.labels().toBuilder().remove(Labels.METRIC_NAME);
            def.labels().forEach((k, v) -> b.set(k, expander.expand(def.name(), v, s.labels(), s.value())));
            b.set("alertname", def.name());
            Labels labels = b.build();
            Map<String, String> annotations = new LinkedHashMap<>();
            def.annotations().forEach((k, v) -> annotations.put(k, expander.expand(def.name(), v, s.labels(), s.value())));
            if (found.containsKey(labels)) {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying alert labels");
            }
            found.put(labels, new AlertInstance(labels, annotations, s.value(), AlertState.PENDING, ts, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        for (AlertInstance a : found.values()) {
            AlertInstance cur = active.get(a.labels());
            if (cur != null && cur.state() != AlertState.INACTIVE) {
                active.put(a.labels(), cur.withValue(a.value(), a.annotations()));
            } else {
                active.put(a.labels(), a);
            }
        }
        List<VectorSample> out = new ArrayList<>();
        int activeOrPending = 0;
        for (Labels key : new ArrayList<>(active.keySet())) {
            AlertInstance a = active.get(key);
            if (!found.containsKey(key)) {
                boolean keepFiring = false;
                Optional<Instant> keepSince = a.keepFiringSince();
                if (a.state() == AlertState.FIRING && !def.keepFiringFor().isZero()) {
                    if (keepSince.isEmpty()) {
                        keepSince = Optional.of(ts);
                    }
                    keepFiring = Duration.between(keepSince.get(), ts).compareTo(def.keepFiringFor()) < 0;
                }
                if (a.state() == AlertState.PENDING
                        || (a.resolvedAt().isPresent() && Duration.between(a.resolvedAt().get(), ts).compareTo(RESOLVED_RETENTION) > 0)) {
                    active.remove(key);
                }
                if (a.state() != AlertState.INACTIVE && !keepFiring) {
                    a = a.with(AlertState.INACTIVE, a.firedAt(), Optional.of(ts), keepSince);
                    if (active.containsKey(key)) {
                        active.put(key, a);
                    }
                }
                if (!keepFiring) {
                    continue;
                }
                a = a.with(a.state(), a.firedAt(), a.resolvedAt(), keepSince);
                active.put(key, a);
            } else if (a.keepFiringSince().isPresent()) {
                a = a.with(a.state(), a.firedAt(), a.resolvedAt(), Optional.empty());
                active.put(key, a);
            }
            activeOrPending++;
            if (a.state() == AlertState.PENDING && Duration.between(a.activeAt(), ts).compareTo(def.holdDuration()) >= 0) {
                a = a.with(AlertState.FIRING, Optional.of(ts), a.resolvedAt(), a.keepFiringSince());
                active.put(key, a);
            }
            out.add(new VectorSample(key.toBuilder().set(Labels.METRIC_NAME, "ALERTS").set("alertstate", a.state().apiName()).build(), 1));
            out.add(new VectorSample(key.toBuilder().set(Labels.METRIC_NAME, "ALERTS_FOR_STATE").build(),
                    a.activeAt().getEpochSecond()));
        }
        if (limit > 0 && activeOrPending > limit) {
            active.clear();
            throw new RuleEvaluationException("exceeded limit of " + limit + " with " + activeOrPending + " alerts");
        }
        return out;
    }

    /**
     * The alerts to post now, as Prometheus' sendAlerts: firing and recently resolved alerts,
     * each at most once per {@code resendDelay} unless it resolved since it was last sent.
     */
    public List<OutgoingAlert> alertsToSend(Instant ts, Duration resendDelay, Duration interval, String generatorUrl) {
        List<OutgoingAlert> out = new ArrayList<>();
        Duration delta = interval.compareTo(resendDelay) > 0 ? interval : resendDelay;
        for (Map.Entry<Labels, AlertInstance> e : active.entrySet()) {
            AlertInstance a = e.getValue();
            if (!needsSending(a, ts, resendDelay)) {
                continue;
            }
            a = a.sent(ts, ts.plus(delta.multipliedBy(4)));
            e.setValue(a);
            Instant start = a.firedAt().orElse(a.activeAt());
            Instant end = a.resolvedAt().orElse(a.validUntil().orElseThrow());
            out.add(new OutgoingAlert(a.labels(), a.annotations(), start, end, generatorUrl));
        }
        return out;
    }

    private static boolean needsSending(AlertInstance a, Instant ts, Duration resendDelay) {
        if (a.state() == AlertState.PENDING) {
            return false;
        }
        if (a.resolvedAt().isPresent() && (a.lastSentAt().isEmpty() || a.resolvedAt().get().isAfter(a.lastSentAt().get()))) {
            return true;
        }
        return a.lastSentAt().map(l -> l.plus(resendDelay).isBefore(ts)).orElse(true);
    }

    /** Every alert held: pending, firing, and resolved within the retention. */
    public List<AlertInstance> alerts() {
        return List.copyOf(active.values());
    }

    /** The most severe state of any alert. */
    public AlertState state() {
        AlertState s = AlertState.INACTIVE;
        for (AlertInstance a : active.values()) {
            if (a.state().ordinal() > s.ordinal()) {
                s = a.state();
            }
        }
        return s;
    }

    /** Loads persisted alerts (after a restart), so pending alerts keep their {@code activeAt}. */
    public void restore(Collection<AlertInstance> persisted) {
        for (AlertInstance a : persisted) {
            active.put(a.labels(), a);
        }
    }
}
