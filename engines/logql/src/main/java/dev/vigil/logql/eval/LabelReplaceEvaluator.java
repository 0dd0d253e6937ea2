package dev.vigil.logql.eval;

import dev.vigil.logql.LogqlException;
import dev.vigil.logql.parser.GoRegex;
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
        String replacement = javaReplacement(e.replacement(), re);
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

    /** Go's {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} into Java's group references. */
    private static String javaReplacement(String repl, GoRegex re) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < repl.length()) {
            char c = repl.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
                i++;
                continue;
            }
            if (c != '$') {
                sb.append(c);
                i++;
                continue;
            }
            int j = i + 1;
            String name;
            if (j < repl.length() && repl.charAt(j) == '{') {
                int end = repl.indexOf('}', j);
                if (end < 0) {
                    sb.append("\\$");
                    i++;
                    continue;
                }
                name = repl.substring(j + 1, end);
                i = end + 1;
            } else {
                int end = j;
                while (end < repl.length() && (Character.isLetterOrDigit(repl.charAt(end)) || repl.charAt(end) == '_')) {
                    end++;
                }
                name = repl.substring(j, end);
                i = end;
            }
            if (name.isEmpty()) {
                sb.append("\\$");
            } else if (name.chars().allMatch(Character::isDigit)) {
                sb.append('$').append(name);
            } else {
                int idx = re.names().indexOf(name);
                if (idx >= 0) {
                    sb.append("${").append(GoRegex.groupName(idx)).append('}');
                }
            }
        }
        return sb.toString();
    }
}
