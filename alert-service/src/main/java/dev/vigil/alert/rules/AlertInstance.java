package dev.vigil.alert.rules;

import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One alert of an alerting rule (Prometheus' {@code rules.Alert}): its labels, expanded
 * annotations, last value, state and the instants that drive the state machine. Persist these
 * (keyed by rule and labels) so a restart neither restarts nor loses {@code for} timers.
 */
public record AlertInstance(
        Labels labels,
        Map<String, String> annotations,
        double value,
        AlertState state,
        Instant activeAt,
        Optional<Instant> firedAt,
        Optional<Instant> resolvedAt,
        Optional<Instant> lastSentAt,
        Optional<Instant> validUntil,
        Optional<Instant> keepFiringSince) {

    public AlertInstance {
        annotations = Map.copyOf(annotations);
    }

    AlertInstance with(AlertState s, Optional<Instant> fired, Optional<Instant> resolved, Optional<Instant> keepSince) {
        return new AlertInstance(labels, annotations, value, s, activeAt, fired, resolved, lastSentAt, validUntil, keepSince);
    }

    AlertInstance withValue(double v, Map<String, String> ann) {
        return new AlertInstance(labels, ann, v, state, activeAt, firedAt, resolvedAt, lastSentAt, validUntil, keepFiringSince);
    }

    AlertInstance sent(Instant at, Instant until) {
        return new AlertInstance(labels, annotations, value, state, activeAt, firedAt, resolvedAt, Optional.of(at),
                Optional.of(until), keepFiringSince);
    }
}
