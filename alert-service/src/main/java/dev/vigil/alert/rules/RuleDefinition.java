package dev.vigil.alert.rules;

import java.time.Duration;
import java.util.Map;

/** A rule as written in a rule file. */
public sealed interface RuleDefinition {

    /** The alert name or the recorded metric name. */
    String name();

    String expr();

    /** An {@code alert:} rule; label and annotation values are templates. */
    record Alerting(String name, String expr, Duration holdDuration, Duration keepFiringFor,
            Map<String, String> labels, Map<String, String> annotations) implements RuleDefinition {
        public Alerting {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }
    }

    /** A {@code record:} rule. */
    record Recording(String name, String expr, Map<String, String> labels) implements RuleDefinition {
        public Recording {
            labels = Map.copyOf(labels);
        }
    }
}
