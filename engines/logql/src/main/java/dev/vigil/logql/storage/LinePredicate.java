package dev.vigil.logql.storage;

import dev.vigil.model.regex.GoRegexp;

import java.util.List;

/**
 * Line filters the engine pushes down to the store: the leading {@code |=}, {@code !=},
 * {@code |~}, {@code !~} filters of a query, which only look at the raw line. A store may apply
 * them while it scans (before decoding anything else; {@link #terms()} lets it build byte-level
 * matchers) or ignore them: the engine applies its whole pipeline again either way, so the
 * predicate saves work but is never needed for correct results.
 */
public final class LinePredicate {
    /** Accepts every line. */
    public static final LinePredicate ALL = new LinePredicate(List.of());

    /**
     * One filter: a line passes when it contains (or, for a regex, matches anywhere) any of the
     * alternatives; a negated filter passes when it contains none of them.
     */
    public record Term(boolean negated, boolean regex, List<String> alternatives) {
        public Term {
            alternatives = List.copyOf(alternatives);
        }
    }

    private final List<Term> terms;
    private final GoRegexp[][] patterns;

    private LinePredicate(List<Term> terms) {
        this.terms = List.copyOf(terms);
        this.patterns = new GoRegexp[terms.size()][];
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            patterns[i] = t.regex() ? t.alternatives().stream().map(GoRegexp::compile).toArray(GoRegexp[]::new) : null;
        }
    }

    /** A predicate that holds when every term holds. */
    public static LinePredicate of(List<Term> terms) {
        return terms.isEmpty() ? ALL : new LinePredicate(terms);
    }

    /** The filters, in query order. */
    public List<Term> terms() {
        return terms;
    }

    /** True when the line passes every term. */
    public boolean test(String line) {
        for (int i = 0; i < patterns.length; i++) {
            Term t = terms.get(i);
            boolean any = false;
            if (patterns[i] == null) {
                for (String s : t.alternatives()) {
                    if (line.contains(s)) {
                        any = true;
                        break;
                    }
                }
            } else {
                for (GoRegexp p : patterns[i]) {
                    if (p.find(line)) {
                        any = true;
                        break;
                    }
                }
            }
            if (any == t.negated()) {
                return false;
            }
        }
        return true;
    }
}
