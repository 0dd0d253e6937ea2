package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Re2;
import dev.vigil.promql.parser.StringLiteral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
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
        Pattern p;
        try {
            p = Pattern.compile("^(?:" + Re2.toJava(regex) + ")$");
        } catch (IllegalArgumentException e) {
            throw new QueryExecutionException("invalid regular expression in label_replace(): " + regex);
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new QueryExecutionException("invalid destination label name in label_replace(): " + dst);
        }
        return rewrite(call, steps, ev, labels -> {
            Matcher mt = p.matcher(labels.get(src));
            if (!mt.matches()) {
                return labels;
            }
            return labels.toBuilder().set(dst, expand(repl, mt)).build();
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

    /** Go's Regexp.Expand: $1, ${1}, $name, ${name}, $$; an unknown group expands to "". */
    static String expand(String template, Matcher m) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                sb.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                sb.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                name = close < 0 ? "" : template.substring(i + 2, close);
                if (close < 0 || name.isEmpty() || !name.chars().allMatch(LabelFunctions::isNameChar)) {
                    sb.append('$');
                    i++;
                    continue;
                }
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && isNameChar(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append('$');
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                end = j;
            }
            sb.append(group(m, name));
            i = end;
        }
        return sb.toString();
    }

    private static boolean isNameChar(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String group(Matcher m, String name) {
        String g = null;
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int idx = Integer.parseInt(name);
                if (idx <= m.groupCount()) {
                    g = m.group(idx);
                }
            } catch (NumberFormatException e) {
                g = null;
            }
        } else {
            try {
                g = m.group(name);
            } catch (IllegalArgumentException e) {
                g = null;
            }
        }
        return g == null ? "" : g;
    }
}
