package dev.vigil.promql.storage;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import dev.vigil.model.MatchType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MemoryStorage honours the Storage contract: inclusive time bounds, all matchers, label order. */
class MemoryStorageTest {
    private static final Labels B = Labels.of("__name__", "up", "job", "b");
    private static final Labels A = Labels.of("__name__", "up", "job", "a", "zone", "z1");

    private static MemoryStorage storage() {
        MemoryStorage s = new MemoryStorage();
        for (long t = 0; t <= 50; t += 10) {
            s.add(B, t, t);
        }
        s.add(A, 100, 1);
        return s;
    }

    private static List<long[]> samples(Series s) {
        List<long[]> out = new ArrayList<>();
        SampleCursor c = s.cursor();
        while (c.next()) {
            out.add(new long[] {c.timestamp(), (long) c.value()});
        }
        return out;
    }

    @Test
    void selectKeepsOnlySamplesWithinInclusiveBounds() {
        List<Series> s = storage().select(10, 30, List.of(LabelMatcher.equal("job", "b")));
        assertEquals(1, s.size());
        assertEquals(List.of(10L, 20L, 30L), samples(s.get(0)).stream().map(p -> p[0]).toList());
    }

    @Test
    void selectOmitsSeriesWithoutSamplesInRangeAndSortsByLabels() {
        MemoryStorage st = storage();
        List<LabelMatcher> up = List.of(LabelMatcher.equal("__name__", "up"));
        assertEquals(List.of(B), st.select(0, 50, up).stream().map(Series::labels).toList());
        assertEquals(List.of(A, B), st.select(0, 100, up).stream().map(Series::labels).toList());
    }

    @Test
    void absentLabelMatchesAsEmptyString() {
        List<Series> s = storage().select(0, 100, List.of(new LabelMatcher(MatchType.EQUAL, "zone", "")));
        assertEquals(List.of(B), s.stream().map(Series::labels).toList());
        List<Series> r = storage().select(0, 100, List.of(new LabelMatcher(MatchType.REGEX, "zone", "z.*")));
        assertEquals(List.of(A), r.stream().map(Series::labels).toList());
    }

    @Test
    void seekMovesToTheFirstSampleAtOrAfterTime() {
        SampleCursor c = storage().select(0, 50, List.of(LabelMatcher.equal("job", "b"))).get(0).cursor();
        assertTrue(c.seek(25));
        assertEquals(30, c.timestamp());
        assertTrue(c.next());
        assertEquals(40, c.timestamp());
        assertFalse(c.seek(60));
    }

    @Test
    void labelNamesAndValuesAreSortedAndScopedByMatchers() {
        MemoryStorage st = storage();
        assertEquals(List.of("__name__", "job", "zone"), st.labelNames(0, 100, List.of()));
        assertEquals(List.of("a", "b"), st.labelValues("job", 0, 100, List.of()));
        assertEquals(List.of("b"), st.labelValues("job", 0, 50, List.of()));
    }

    @Test
    void outOfOrderSampleIsRejectedAndSameTimestampReplaces() {
        MemoryStorage st = storage();
        assertThrows(IllegalArgumentException.class, () -> st.add(B, 5, 1));
        st.add(B, 50, 99);
        List<long[]> s = samples(st.select(50, 50, List.of(LabelMatcher.equal("job", "b"))).get(0));
        assertEquals(99, s.get(0)[1]);
    }
}
