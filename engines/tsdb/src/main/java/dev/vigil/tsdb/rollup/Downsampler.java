package dev.vigil.tsdb.rollup;

import dev.vigil.model.StaleNaN;
import dev.vigil.series.SampleCursor;
import dev.vigil.tsdb.chunk.Rollup;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds raw samples into five-minute rollups: buckets aligned to multiples of five minutes since
 * the epoch, each carrying min, max, sum, count and last, stamped with its last sample's time.
 *
 * <p>Stale markers end a series in raw data but are not values, so they are left out of every
 * aggregate; a bucket of nothing but stale markers yields no rollup. Min and max prefer numbers to
 * NaN, as PromQL's min_over_time and max_over_time do; sum takes NaN as PromQL's sum_over_time does.
 */
public final class Downsampler {
    public static final long BUCKET_MS = 5 * 60_000L;

    private Downsampler() {
    }

    /** Rollups of every sample the cursor yields, in bucket order. */
    public static List<Rollup> aggregate(SampleCursor cursor) {
        List<Rollup> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        double min = 0;
        double max = 0;
        double sum = 0;
        double last = 0;
        long lastT = 0;
        int count = 0;
        while (cursor.next()) {
            double v = cursor.value();
            if (StaleNaN.is(v)) {
                continue;
            }
            long t = cursor.timestamp();
            long b = Math.floorDiv(t, BUCKET_MS);
            if (b != bucket) {
                if (count > 0) {
                    out.add(new Rollup(lastT, min, max, sum, count, last));
                }
                bucket = b;
                min = v;
                max = v;
                sum = 0;
                count = 0;
            }
            if (v < min || Double.isNaN(min)) {
                min = v;
            }
            if (v > max || Double.isNaN(max)) {
                max = v;
            }
            sum += v;
            count++;
            last = v;
            lastT = t;
        }
        if (count > 0) {
            out.add(new Rollup(lastT, min, max, sum, count, last));
        }
        return out;
    }
}
