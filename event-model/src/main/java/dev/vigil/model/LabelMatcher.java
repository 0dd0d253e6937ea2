package dev.vigil.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A label matcher as in Prometheus: regexes are fully anchored, and an absent label matches as "".
 * {@link #literalPrefix()} lets an index take a fast path for {@code foo.*}-shaped regexes.
 */
public final class LabelMatcher {
    private final String name;
    private final MatchType type;
    private final String value;
    private final Pattern pattern;

    public LabelMatcher(MatchType type, String name, String value) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.value = Objects.requireNonNull(value);
        this.pattern = (type == MatchType.REGEX || type == MatchType.NOT_REGEX)
                // No DOTALL: as in Go's regexp (Prometheus 2.x), '.' does not match a newline.
                ? Pattern.compile("^(?:" + value + ")$")
                : null;
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
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
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
