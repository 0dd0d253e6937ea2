package dev.vigil.logql.patterns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log pattern detection after Drain (He et al., "Drain: An Online Log Parsing Approach with Fixed
 * Depth Tree", ICWS 2017), the algorithm behind Loki's patterns: lines are split into tokens,
 * grouped by token count and first token, and each joins the most similar pattern of its group
 * when at least {@code similarity} of the positions agree; positions where its lines differ
 * become {@code <_>}. A token with a digit never leads a group (it is usually an id or a time),
 * so "took 12ms" and "took 15ms" land together. At most {@code maxPatterns} patterns are kept;
 * lines that would make more are counted as dropped.
 */
public final class Drain {
    public static final String WILDCARD = "<_>";
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    /** A pattern: its tokens and, per time bucket, how many lines it matched. */
    public static final class Pattern {
        final String[] tokens;
        final TreeMap<Long, Long> counts = new TreeMap<>();
        long total;

        Pattern(String[] tokens) {
            this.tokens = tokens;
        }

        public String text() {
            return String.join(" ", tokens);
        }

        /** Bucket start (as given to {@link #add}) to lines. */
        public Map<Long, Long> counts() {
            return counts;
        }

        public long total() {
            return total;
        }
    }

    private final double similarity;
    private final int maxPatterns;
    private final Map<String, List<Pattern>> groups = new HashMap<>();
    private final List<Pattern> all = new ArrayList<>();
    private long dropped;

    public Drain(double similarity, int maxPatterns) {
        this.similarity = similarity;
        this.maxPatterns = maxPatterns;
    }

    /** Loki's settings: patterns share at least 30 % of their tokens. */
    public static Drain withDefaults() {
        return new Drain(0.3, 1000);
    }

    /** Adds one line seen in time bucket {@code bucket}. */
    public void add(String line, long bucket) {
        // split always gives at least one token ("" for an empty line)
        String[] tokens = WHITESPACE.split(line.strip());
        String key = tokens.length + " " + (hasDigit(tokens[0]) ? WILDCARD : tokens[0]);
        List<Pattern> group = groups.computeIfAbsent(key, k -> new ArrayList<>());
        Pattern best = null;
        double bestScore = -1;
        for (Pattern p : group) {
            double score = score(p.tokens, tokens);
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        if (best == null || bestScore < similarity) {
            if (all.size() >= maxPatterns) {
                dropped++;
                return;
            }
            best = new Pattern(tokens.clone());
            group.add(best);
            all.add(best);
        } else {
            for (int i = 0; i < tokens.length; i++) {
                if (!best.tokens[i].equals(tokens[i])) {
                    best.tokens[i] = WILDCARD;
                }
            }
        }
        best.counts.merge(bucket, 1L, Long::sum);
        best.total++;
    }

    /** The share of positions whose tokens are equal; a wildcard counts as equal (Drain's simSeq). */
    private static double score(String[] pattern, String[] tokens) {
        int same = 0;
        for (int i = 0; i < tokens.length; i++) {
            if (pattern[i].equals(tokens[i]) || pattern[i].equals(WILDCARD)) {
                same++;
            }
        }
        return (double) same / tokens.length;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The patterns, most lines first. */
    public List<Pattern> patterns() {
        List<Pattern> out = new ArrayList<>(all);
        out.sort((a, b) -> Long.compare(b.total, a.total));
        return out;
    }

    /** Lines not counted because the pattern limit was reached. */
    public long dropped() {
        return dropped;
    }
}
