package dev.vigil.model;

import java.util.List;

import dev.vigil.model.regex.GoRegexp;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A label matcher as in Prometheus: regexes are fully anchored and have RE2 semantics
 * ({@link GoRegexp}), and an absent label matches as "". {@link #literalPrefix()} lets an index
 * take a fast path for {@code foo.*}-shaped regexes; an alternation of literals (what Grafana's
 * multi-value variables produce, {@code a|b|c}) is matched as a set without running the regex.
 */
public final class LabelMatcher {
    private final String name;
    private final MatchType type;
    private final String value;
    private final GoRegexp pattern;
    private final Set<String> literals; // the alternatives when the regex is a|b|c of plain literals

    public LabelMatcher(MatchType type, String name, String value) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.value = Objects.requireNonNull(value);
        boolean regex = type == MatchType.REGEX || type == MatchType.NOT_REGEX;
        // No (?s): as in Go's regexp (Prometheus 2.x), '.' does not match a newline.
        // Throws RegexSyntaxException, with Go's message, for what RE2 rejects.
        this.pattern = regex ? GoRegexp.anchored(value) : null;
        this.literals = regex ? literalAlternatives(value) : null;
    }

    /** The alternatives of {@code a|b|c} when each is a plain literal; null otherwise. */
    private static Set<String> literalAlternatives(String re) {
        String body = re.startsWith("(") && re.endsWith(")") && re.indexOf('(', 1) < 0 ? re.substring(1, re.length() - 1) : re;
        for (int i = 0; i < body.length(); i++) {
            if ("\\^$.?*+()[]{}".indexOf(body.charAt(i)) >= 0) {
                return null;
            }
        }
        return Set.copyOf(Arrays.asList(body.split("\\|", -1)));
    }

    /** Whether {@code labels} satisfy every matcher (a missing label reads as empty, as in PromQL). */
    public static boolean matchAll(List<LabelMatcher> matchers, Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(MatchType.EQUAL, name, value);
    }

    public String name() {
        return name;
    }

    public MatchType type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** Whether a label value ("" for an absent label) satisfies this matcher. */
    public boolean matches(String v) {
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> regexMatches(v);
            case NOT_REGEX -> !regexMatches(v);
        };
    }

    private boolean regexMatches(String v) {
        return literals != null ? literals.contains(v) : pattern.matches(v);
    }

    /** True when the matcher also selects series that lack the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    /**
     * For a regex made of a literal prefix followed by {@code .*} (or a plain literal), the literal
     * part; empty when the regex has any other metacharacter.
     */
    public Optional<String> literalPrefix() {
        if (pattern == null) {
            return Optional.empty();
        }
        String v = value.endsWith(".*") ? value.substring(0, value.length() - 2) : value;
        for (int i = 0; i < v.length(); i++) {
            if ("\\^$.|?*+()[]{}".indexOf(v.charAt(i)) >= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && m.name.equals(name) && m.type == type && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return name + type.op() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
