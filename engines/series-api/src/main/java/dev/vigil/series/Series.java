package dev.vigil.series;

import dev.vigil.model.Labels;

/** One series returned by a {@link Storage} select: its labels and a fresh cursor per call. */
public interface Series {
    Labels labels();

    /** A new cursor over the selected time range, positioned before the first sample. */
    SampleCursor cursor();

    /**
     * How many of the samples the cursor yields are downsampled rollups (one per bucket) rather
     * than raw samples, for query statistics; 0 for a store that reads raw data only.
     */
    default int rollupSamples() {
        return 0;
    }
}
