package dev.vigil.alert.rules;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one group evaluation: samples to write back (recording rules, {@code ALERTS},
 * {@code ALERTS_FOR_STATE}, and stale markers for series that disappeared), alerts to post to
 * the routing engine, and the error of each rule that failed, by rule name.
 */
public record EvaluationResult(List<VectorSample> samples, List<OutgoingAlert> alerts, Map<String, String> errors) {
    public EvaluationResult {
        samples = List.copyOf(samples);
        alerts = List.copyOf(alerts);
        errors = Map.copyOf(errors);
    }
}
