package dev.vigil.alert.rules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A rule group as written: its rules run in order every {@code interval} (the global evaluation
 * interval when empty); {@code limit} > 0 caps the alerts or series a rule may produce.
 */
public record RuleGroupDefinition(String name, Optional<Duration> interval, int limit, List<RuleDefinition> rules) {
    public RuleGroupDefinition {
        rules = List.copyOf(rules);
    }
}
