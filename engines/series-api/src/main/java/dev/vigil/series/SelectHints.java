package dev.vigil.series;

/**
 * What the evaluator knows about a selection, so a store may answer from downsampled data:
 * the query step, the range of a range selector ({@code 0} for an instant selector), and the
 * function the samples feed ({@code ""} when none).
 */
public record SelectHints(long stepMs, long rangeMs, String function) {
    public static final SelectHints NONE = new SelectHints(0, 0, "");
}
