package dev.vigil.logstore.index;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Inverted index from {@code label=value} to stream ids. A selection takes its candidates from the
 * cheapest matcher that cannot match an absent label: an exact {@code =} looks up one postings
 * list, a {@code =~"prefix.*"} reads the range of values under the prefix, any other regex tests
 * each value of its label once; only when every matcher also matches absent labels are all streams
 * candidates. Candidates are then checked against every matcher on their own labels. Not
 * thread-safe; the store guards it with a read-write lock.
 */
public final class LabelIndex {
    private final Map<String, TreeMap<String, Postings>> byName = new HashMap<>();
    private final Map<Integer, Labels> labelsById = new HashMap<>();
    private final Postings all = new Postings();

    public void add(int id, Labels labels) {
        labelsById.put(id, labels);
        all.add(id);
        for (int i = 0; i < labels.size(); i++) {
            byName.computeIfAbsent(labels.name(i), k -> new TreeMap<>())
                    .computeIfAbsent(labels.value(i), k -> new Postings()).add(id);
        }
    }

    public void remove(int id) {
        Labels labels = labelsById.remove(id);
        if (labels == null) {
            return;
        }
        all.remove(id);
        for (int i = 0; i < labels.size(); i++) {
            TreeMap<String, Postings> values = byName.get(labels.name(i));
            Postings p = values.get(labels.value(i));
            p.remove(id);
            if (p.isEmpty()) {
                values.remove(labels.value(i));
                if (values.isEmpty()) {
                    byName.remove(labels.name(i));
                }
            }
        }
    }

    public int size() {
        return labelsById.size();
    }

    /** Ids of the streams whose labels satisfy every matcher, ascending. */
    public int[] select(List<LabelMatcher> matchers) {
        int[] candidates = candidates(matchers);
        int n = 0;
        for (int id : candidates) {
            Labels l = labelsById.get(id);
            boolean ok = true;
            for (LabelMatcher m : matchers) {
                if (!m.matches(l.get(m.name()))) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                candidates[n++] = id;
            }
        }
        return Arrays.copyOf(candidates, n);
    }

    private int[] candidates(List<LabelMatcher> matchers) {
        LabelMatcher best = null;
        int bestRank = Integer.MAX_VALUE;
        for (LabelMatcher m : matchers) {
            int rank = rank(m);
            if (rank < bestRank) {
                best = m;
                bestRank = rank;
            }
        }
        if (best == null) {
            return all.toArray();
        }
        TreeMap<String, Postings> values = byName.getOrDefault(best.name(), new TreeMap<>());
        if (best.type() == MatchType.EQUAL) {
            Postings p = values.get(best.value());
            return p == null ? new int[0] : p.toArray();
        }
        IntBuffer out = new IntBuffer();
        Optional<String> prefix = best.literalPrefix();
        NavigableMap<String, Postings> scope = values;
        if (prefix.isPresent()) {
            String pre = prefix.get();
            // Values starting with the prefix sort between it and the prefix followed by the
            // largest char; the matcher check below settles the exact regex.
            scope = values.subMap(pre, true, pre + Character.MAX_VALUE, true);
        }
        for (Map.Entry<String, Postings> e : scope.entrySet()) {
            if (prefix.isPresent() || best.matches(e.getKey())) {
                e.getValue().copyInto(out);
            }
        }
        return out.toSortedSet();
    }

    /** Lower is cheaper and more selective; MAX_VALUE means the matcher cannot provide candidates. */
    private static int rank(LabelMatcher m) {
        if (m.matchesEmpty()) {
            return Integer.MAX_VALUE;
        }
        return switch (m.type()) {
            case EQUAL -> 0;
            case REGEX -> m.literalPrefix().isPresent() ? 1 : 2;
            case NOT_EQUAL, NOT_REGEX -> 3;
        };
    }
}
