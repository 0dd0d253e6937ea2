package dev.vigil.tsdb;

import dev.vigil.series.SampleCursor;
import dev.vigil.series.Series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers that turn select results into plain values for assertions. */
final class TsdbFixtures {
    static final long T0 = 1_700_000_000_000L;

    private TsdbFixtures() {
    }

    /** One sample with its value as raw bits, so NaN and stale markers compare exactly. */
    record S(long t, long bits) {
        static S of(long t, double v) {
            return new S(t, Double.doubleToRawLongBits(v));
        }

        @Override
        public String toString() {
            return t + "=" + Double.longBitsToDouble(bits);
        }
    }

    static Map<String, List<S>> dump(List<Series> series) {
        Map<String, List<S>> out = new LinkedHashMap<>();
        for (Series s : series) {
            out.put(s.labels().toString(), samples(s.cursor()));
        }
        return out;
    }

    static Map<String, List<S>> dumpAll(Tsdb db) {
        return dump(db.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of()));
    }

    static List<S> samples(SampleCursor c) {
        List<S> out = new ArrayList<>();
        while (c.next()) {
            out.add(S.of(c.timestamp(), c.value()));
        }
        return out;
    }
}
