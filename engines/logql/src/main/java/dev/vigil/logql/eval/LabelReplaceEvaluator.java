package dev.vigil.logql.eval;

import dev.vigil.logql.LogqlException;
import dev.vigil.logql.regex.GoRegex;
import dev.vigil.logql.parser.LabelReplaceExpr;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code label_replace(v, dst, replacement, src, regex)} with PromQL's semantics (the regex is anchored). */
final class LabelReplaceEvaluator {
    private LabelReplaceEvaluator() {
    }

    static StepValues eval(LabelReplaceExpr e, StepValues inner) {
        GoRegex re = GoRegex.compile("^(?:" + e.regex() + ")$");
        Pattern p = re.pattern();
        String replacement = re.javaReplacement(e.replacement());
        List<List<Element>> out = new ArrayList<>();
        for (int k = 0; k < inner.steps(); k++) {
            List<Element> vec = new ArrayList<>();
            Set<Labels> seen = new HashSet<>();
            for (Element el : inner.vector(k)) {
                Matcher m = p.matcher(el.labels().get(e.src()));
                Labels l = el.labels();
                if (m.matches()) {
                    String v = m.replaceFirst(replacement);
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
