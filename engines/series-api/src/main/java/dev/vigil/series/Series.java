package dev.vigil.series;

import dev.vigil.model.Labels;

/** One series returned by a {@link Storage} select: its labels and a fresh cursor per call. */
public interface Series {
    Labels labels();

    /** A new cursor over the selected time range, positioned before the first sample. */
    SampleCursor cursor();
}
