package dev.vigil.logql.eval;

import dev.vigil.model.regex.GoRegexp;
import dev.vigil.logql.LogqlException;
import dev.vigil.logql.parser.LabelReplaceExpr;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code label_replace(v, dst, replacement, src, regex)} with PromQL's semantics (the regex is anchored). */
final class LabelReplaceEvaluator {
    private LabelReplaceEvaluator() {
    }

    static StepValues eval(LabelReplaceExpr e, StepValues inner) {
        GoRegexp re = GoRegexp.anchored(e.regex());
        List<List<Element>> out = new ArrayList<>();
        for (int k = 0; k < inner.steps(); k++) {
            List<Element> vec = new ArrayList<>();
            Set<Labels> seen = new HashSet<>();
            for (Element el : inner.vector(k)) {
                Labels l = el.labels();
                String v = re.expandFirst(e.replacement(), l.get(e.src()));
                if (v != null) {
                    l = l.toBuilder().set(e.dst(), v).build();
                }
                if (!seen.add(l)) {
                    throw new LogqlException("vector cannot contain metrics with the same labelset");
                }
                vec.add(new Element(l, el.value()));
            }
            out.add(vec);
        }
        return StepValues.vectors(out);
    }
}
