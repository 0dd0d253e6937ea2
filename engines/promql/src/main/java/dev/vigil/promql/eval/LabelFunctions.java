package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Call;
import dev.vigil.model.regex.GoRegexp;
import dev.vigil.model.regex.RegexSyntaxException;
import dev.vigil.promql.parser.StringLiteral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** label_replace and label_join: rewrite each series' labels, keeping the metric name. */
final class LabelFunctions {
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private LabelFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        m.put("label_replace", LabelFunctions::labelReplace);
        m.put("label_join", LabelFunctions::labelJoin);
    }

    private static String str(Call call, int i) {
        return ((StringLiteral) FunctionEvaluator.unwrap(call.args().get(i))).value();
    }

    private static EvalValue labelReplace(Call call, Steps steps, Evaluator ev) {
        String dst = str(call, 1);
        String repl = str(call, 2);
        String src = str(call, 3);
        String regex = str(call, 4);
        GoRegexp p;
        try {
            p = GoRegexp.anchored(regex);
        } catch (RegexSyntaxException e) {
            throw new QueryExecutionException("invalid regular expression in label_replace(): " + regex);
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new QueryExecutionException("invalid destination label name in label_replace(): " + dst);
        }
        return rewrite(call, steps, ev, labels -> {
            String res = p.expandFirst(repl, labels.get(src));
            return res == null ? labels : labels.toBuilder().set(dst, res).build();
        });
    }

    private static EvalValue labelJoin(Call call, Steps steps, Evaluator ev) {
        String dst = str(call, 1);
        String sep = str(call, 2);
        List<String> srcs = new ArrayList<>();
        for (int i = 3; i < call.args().size(); i++) {
            String s = str(call, i);
            if (!LABEL_NAME.matcher(s).matches()) {
                throw new QueryExecutionException("invalid source label name in label_join(): " + s);
            }
            srcs.add(s);
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new QueryExecutionException("invalid destination label name in label_join(): " + dst);
        }
        return rewrite(call, steps, ev, labels -> {
            List<String> values = new ArrayList<>();
            for (String s : srcs) {
                values.add(labels.get(s));
            }
            return labels.toBuilder().set(dst, String.join(sep, values)).build();
        });
    }

    private static EvalValue rewrite(Call call, Steps steps, Evaluator ev, UnaryOperator<Labels> f) {
        EvalValue.VectorSteps in = ev.vector(call.args().get(0), steps);
        StepCollector out = new StepCollector(steps.count());
        for (StepSeries s : in.series()) {
            Labels labels = f.apply(s.labels);
            for (int k = 0; k < s.has.length; k++) {
                if (s.has[k]) {
                    out.add(labels, k, s.v[k]);
                }
            }
        }
        return out.result();
    }
}
