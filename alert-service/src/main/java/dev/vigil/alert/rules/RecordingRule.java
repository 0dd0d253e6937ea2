package dev.vigil.alert.rules;

import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A recording rule: the query's result renamed to the record name, with the rule's labels set
 * (overriding the series' own), as Prometheus' {@code rules/recording.go}.
 */
public final class RecordingRule implements Rule {
    private final RuleDefinition.Recording def;

    public RecordingRule(RuleDefinition.Recording def) {
        this.def = def;
    }

    @Override
    public RuleDefinition.Recording definition() {
        return def;
    }

    /** The samples to record at {@code ts}. */
    @Override
    public List<VectorSample> eval(Instant ts, QueryFunction query, int limit) throws RuleEvaluationException {
        List<VectorSample> result;
        try {
            result = query.query(def.expr(), ts);
        } catch (QueryException e) {
            throw new RuleEvaluationException(e.getMessage(), e);
        }
        List<VectorSample> out = new ArrayList<>(result.size());
        Set<Labels> seen = new HashSet<>();
        for (VectorSample s : result) {
            Labels.Builder b = s.labels().toBuilder().set(Labels.METRIC_NAME, def.name());
            def.labels().forEach(b::set);
            Labels l = b.build();
            if (!seen.add(l)) {
                throw new RuleEvaluationException("vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new VectorSample(l, s.value()));
        }
        if (limit > 0 && out.size() > limit) {
            throw new RuleEvaluationException("exceeded limit of " + limit + " with " + out.size() + " series");
        }
        return out;
    }
}
