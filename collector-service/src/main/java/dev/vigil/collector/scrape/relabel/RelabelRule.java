package dev.vigil.collector.scrape.relabel;

import dev.vigil.model.regex.GoRegexp;
import dev.vigil.model.regex.RegexSyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code relabel_config} as Prometheus 2.42 reads it, validated as Prometheus validates it
 * when it loads a configuration (the same messages), so a rule Prometheus refuses is refused here.
 * The regex is RE2, anchored at both ends.
 *
 * @param sourceLabels their values, joined by {@code separator}, are what the regex is matched against
 * @param modulus      for {@code hashmod}, an unsigned 64-bit value; 0 when unset
 */
public record RelabelRule(List<String> sourceLabels, String separator, GoRegexp regex, long modulus, String targetLabel,
                          String replacement, RelabelAction action) {
    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REGEX = "(.*)";
    public static final String DEFAULT_REPLACEMENT = "$1";

    /** A target label or labelmap replacement: a label name in which {@code $1} / {@code ${name}} may stand for parts. */
    private static final Pattern RELABEL_TARGET = Pattern.compile("^(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+$");
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    public RelabelRule {
        sourceLabels = List.copyOf(sourceLabels);
    }

    /**
     * A rule from its fields as written; {@code null} stands for a field left out (its default).
     * A rule Prometheus would refuse is an {@link IllegalArgumentException} with Prometheus's message.
     */
    public static RelabelRule of(List<String> sourceLabels, String separator, String regex, Long modulus, String targetLabel,
                                 String replacement, String action) {
        RelabelAction a = action == null ? RelabelAction.REPLACE : RelabelAction.parse(action);
        String sep = separator == null ? DEFAULT_SEPARATOR : separator;
        String re = regex == null ? DEFAULT_REGEX : regex;
        long mod = modulus == null ? 0 : modulus;
        String target = targetLabel == null ? "" : targetLabel;
        String repl = replacement == null ? DEFAULT_REPLACEMENT : replacement;
        for (String s : sourceLabels == null ? List.<String>of() : sourceLabels) {
            if (!LABEL_NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("\"" + s + "\" is not a valid label name");
            }
        }
        GoRegexp compiled;
        try {
            compiled = GoRegexp.anchored(re);
        } catch (RegexSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage()); // "error parsing regexp: ...", as Go words it
        }
        validate(a, sourceLabels, sep, re, mod, target, repl);
        return new RelabelRule(sourceLabels == null ? List.of() : sourceLabels, sep, compiled, mod, target, repl, a);
    }

    /** Prometheus's {@code relabel.Config} checks, in its order. */
    private static void validate(RelabelAction a, List<String> sourceLabels, String sep, String re, long mod, String target,
                                 String repl) {
        if (mod == 0 && a == RelabelAction.HASHMOD) {
            throw new IllegalArgumentException("relabel configuration for hashmod requires non-zero modulus");
        }
        boolean needsTarget = switch (a) {
            case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
            default -> false;
        };
        if (needsTarget && target.isEmpty()) {
            throw new IllegalArgumentException("relabel configuration for " + a + " action requires 'target_label' value");
        }
        boolean expandsTarget = a == RelabelAction.REPLACE || a == RelabelAction.LOWERCASE || a == RelabelAction.UPPERCASE
                || a == RelabelAction.KEEPEQUAL || a == RelabelAction.DROPEQUAL;
        if (expandsTarget && !RELABEL_TARGET.matcher(target).matches()) {
            throw new IllegalArgumentException("\"" + target + "\" is invalid 'target_label' for " + a + " action");
        }
        boolean noReplacement = a == RelabelAction.LOWERCASE || a == RelabelAction.UPPERCASE
                || a == RelabelAction.KEEPEQUAL || a == RelabelAction.DROPEQUAL;
        if (noReplacement && !repl.equals(DEFAULT_REPLACEMENT)) {
            throw new IllegalArgumentException("'replacement' can not be set for " + a + " action");
        }
        if (a == RelabelAction.LABELMAP && !RELABEL_TARGET.matcher(repl).matches()) {
            throw new IllegalArgumentException("\"" + repl + "\" is invalid 'replacement' for " + a + " action");
        }
        if (a == RelabelAction.HASHMOD && !LABEL_NAME.matcher(target).matches()) {
            throw new IllegalArgumentException("\"" + target + "\" is invalid 'target_label' for " + a + " action");
        }
        if ((a == RelabelAction.KEEPEQUAL || a == RelabelAction.DROPEQUAL) && (!re.equals(DEFAULT_REGEX) || mod != 0
                || !sep.equals(DEFAULT_SEPARATOR) || !repl.equals(DEFAULT_REPLACEMENT))) {
            throw new IllegalArgumentException(a + " action requires only 'source_labels' and `target_label`, and no other fields");
        }
        if ((a == RelabelAction.LABELDROP || a == RelabelAction.LABELKEEP) && (sourceLabels != null || !target.isEmpty()
                || mod != 0 || !sep.equals(DEFAULT_SEPARATOR) || !repl.equals(DEFAULT_REPLACEMENT))) {
            throw new IllegalArgumentException(a + " action requires only 'regex', and no other fields");
        }
    }
}
