package dev.vigil.alert.rules;

import java.time.Instant;
import java.util.List;

/** A rule ready to evaluate: alerting or recording. */
public sealed interface Rule permits AlertingRule, RecordingRule {

    /** The rule as written. */
    RuleDefinition definition();

    /** The samples the rule produces at {@code ts}; see the implementations for what they are. */
    List<VectorSample> eval(Instant ts, QueryFunction query, int limit) throws RuleEvaluationException;
}
