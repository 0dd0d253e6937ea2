package dev.vigil.tsdb.index;

import dev.vigil.model.Label;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The inverted index: label name, then label value (both sorted), to the postings of the series
 * carrying that pair. Matchers are answered as sets of series ids.
 *
 * <p>A matcher that does not match the empty string selects series by the values it matches; one
 * that does (such as {@code a!="x"} or {@code a=~"x|"}) also selects series lacking the label, so
 * it is applied by removing the series whose value it rejects. Equality, literal regexes and
 * {@code prefix.*} regexes look values up in the sorted value map instead of testing every value.
 * Not thread-safe; the store guards it with its read-write lock.
 */
public final class LabelIndex {
    private final TreeMap<String, TreeMap<String, Postings>> byName = new TreeMap<>();
    private final BitSet all = new BitSet();

    public void add(int id, Labels labels) {
        for (Label l : labels) {
            byName.computeIfAbsent(l.name(), n -> new TreeMap<>())
                    .computeIfAbsent(l.value(), v -> new Postings())
                    .add(id);
        }
        all.set(id);
    }

    public void remove(int id, Labels labels) {
        for (Label l : labels) {
            TreeMap<String, Postings> values = byName.get(l.name());
            if (values == null) {
                continue;
            }
            Postings p = values.get(l.value());
            if (p != null) {
                p.remove(id);
                if (p.isEmpty()) {
                    values.remove(l.value());
                }
            }
            if (values.isEmpty()) {
                byName.remove(l.name());
            }
        }
        all.clear(id);
    }

    /** Ids of the series satisfying every matcher; every series when there are none. */
    public BitSet select(List<LabelMatcher> matchers) {
        BitSet result = null;
        for (LabelMatcher m : matchers) {
            if (!m.matchesEmpty()) {
                BitSet matching = valuesMatching(m, true);
                if (result == null) {
                    result = matching;
                } else {
                    result.and(matching);
                }
            }
        }
        if (result == null) {
            result = (BitSet) all.clone();
        }
        for (LabelMatcher m : matchers) {
            if (m.matchesEmpty() && !result.isEmpty()) {
                result.andNot(valuesMatching(m, false));
            }
        }
        return result;
    }

    /** Sorted values of one label over all series. */
    public List<String> values(String name) {
        TreeMap<String, Postings> values = byName.get(name);
        return values == null ? List.of() : List.copyOf(values.keySet());
    }

    /** Sorted label names over all series. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Series whose value of {@code m.name()} satisfies the matcher ({@code wanted}) or fails it. */
    private BitSet valuesMatching(LabelMatcher m, boolean wanted) {
        BitSet out = new BitSet();
        TreeMap<String, Postings> values = byName.get(m.name());
        if (values == null) {
            return out;
        }
        boolean positive = m.type() == MatchType.EQUAL || m.type() == MatchType.REGEX;
        if (positive == wanted) {
            // The values sought are the ones the underlying = or =~ accepts: use the fast paths.
            if (m.type() == MatchType.EQUAL || m.type() == MatchType.NOT_EQUAL) {
                addIfPresent(values, m.value(), out);
                return out;
            }
            Optional<String> prefix = m.literalPrefix();
            if (prefix.isPresent()) {
                if (m.value().endsWith(".*")) {
                    for (Map.Entry<String, Postings> e : values.tailMap(prefix.get(), true).entrySet()) {
                        if (!e.getKey().startsWith(prefix.get())) {
                            break;
                        }
                        e.getValue().addTo(out);
                    }
                } else {
                    addIfPresent(values, prefix.get(), out);
                }
                return out;
            }
        }
        for (Map.Entry<String, Postings> e : values.entrySet()) {
            if (m.matches(e.getKey()) == wanted) {
                e.getValue().addTo(out);
            }
        }
        return out;
    }

    private static void addIfPresent(NavigableMap<String, Postings> values, String value, BitSet out) {
        Postings p = values.get(value);
        if (p != null) {
            p.addTo(out);
        }
    }
}
