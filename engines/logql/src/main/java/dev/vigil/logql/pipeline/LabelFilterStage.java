package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.LabelFilterExpr;
import dev.vigil.logql.parser.Units;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code | level="error" and status >= 400}. As in Loki: a numeric, duration or bytes comparison
 * drops the line when the label is absent, lets it through with
 * {@code __error__="LabelFilterErr"} when the value does not convert, and lets every line through
 * once an earlier stage has set an error (only string matchers, such as {@code __error__=""}, can
 * filter those out).
 */
final class LabelFilterStage implements PipelineStage {
    static final String ERROR = "LabelFilterErr";

    private final LabelFilterExpr filter;

    LabelFilterStage(LabelFilterExpr filter) {
        this.filter = filter;
    }

    @Override
    public boolean process(LogLine entry) {
        return test(filter, entry.labels());
    }

    static boolean test(LabelFilterExpr f, LabelsBuilder l) {
        if (f instanceof LabelFilterExpr.StringFilter s) {
            return s.matcher().matches(l.get(s.matcher().name()));
        }
        if (f instanceof LabelFilterExpr.And a) {
            return test(a.left(), l) && test(a.right(), l);
        }
        if (f instanceof LabelFilterExpr.Or o) {
            return test(o.left(), l) || test(o.right(), l);
        }
        if (l.hasError()) {
            return true;
        }
        if (f instanceof LabelFilterExpr.NumericFilter n) {
            String v = l.get(n.name());
            if (v.isEmpty()) {
                return false;
            }
            try {
                return n.op().test(Double.parseDouble(v.trim()), n.value());
            } catch (NumberFormatException e) {
                l.setError(ERROR);
                return true;
            }
        }
        if (f instanceof LabelFilterExpr.DurationFilter d) {
            String v = l.get(d.name());
            if (v.isEmpty()) {
                return false;
            }
            OptionalLong nanos = Units.parseDuration(v);
            if (nanos.isEmpty()) {
                l.setError(ERROR);
                return true;
            }
            return d.op().test(nanos.getAsLong(), d.nanos());
        }
        LabelFilterExpr.BytesFilter b = (LabelFilterExpr.BytesFilter) f;
        String v = l.get(b.name());
        if (v.isEmpty()) {
            return false;
        }
        OptionalDouble bytes = Units.parseBytes(v);
        if (bytes.isEmpty()) {
            l.setError(ERROR);
            return true;
        }
        return b.op().test(bytes.getAsDouble(), b.bytes());
    }
}
