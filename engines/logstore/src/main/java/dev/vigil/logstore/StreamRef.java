package dev.vigil.logstore;

import dev.vigil.model.Labels;
import java.util.Objects;

/**
 * A handle on one stream of one store, as returned by {@link LogReader#streams}. The id is only
 * meaningful to the store that issued it and only while the store is open.
 *
 * @param id     the store's internal stream id
 * @param labels the stream's label set (its identity)
 */
public record StreamRef(long id, Labels labels) {
    public StreamRef {
        Objects.requireNonNull(labels, "labels");
    }
}
