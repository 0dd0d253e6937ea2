package dev.vigil.logstore;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import java.util.List;

/**
 * The read side of a log store, which the LogQL engine and the Loki HTTP API use. Time ranges are
 * half-open, {@code [fromNanos, toNanos)}, in nanoseconds since the epoch. An empty matcher list
 * selects every stream. Streams and chunks are selected by their time bounds, so a stream listed
 * for a range may turn out to have no entry in it. All methods are safe to call from any thread
 * while the store is being written.
 */
public interface LogReader {

    /** Streams whose labels satisfy every matcher and that hold data in the range, sorted by labels. */
    List<StreamRef> streams(List<LabelMatcher> matchers, long fromNanos, long toNanos);

    /** Entries of {@code stream} in the range, in the given direction. */
    EntryCursor entries(StreamRef stream, long fromNanos, long toNanos, Direction direction);

    /**
     * Entries of {@code stream} in the range whose line {@code filter} accepts. The filter runs on
     * decompressed bytes before any {@code String} is built, so this is the fast path for line
     * filters.
     */
    EntryCursor entries(StreamRef stream, long fromNanos, long toNanos, Direction direction, LineFilter filter);

    /** Label names of the streams with data in the range, sorted. */
    List<String> labelNames(long fromNanos, long toNanos);

    /** Label names of the matching streams with data in the range, sorted. */
    List<String> labelNames(long fromNanos, long toNanos, List<LabelMatcher> matchers);

    /** Values of label {@code name} over the matching streams with data in the range, sorted. */
    List<String> labelValues(String name, long fromNanos, long toNanos, List<LabelMatcher> matchers);

    /** Label sets of the matching streams with data in the range, sorted. */
    List<Labels> series(List<LabelMatcher> matchers, long fromNanos, long toNanos);

    /** Streams, chunks, entries and raw bytes of the matching streams in the range. */
    IndexStats indexStats(List<LabelMatcher> matchers, long fromNanos, long toNanos);
}
