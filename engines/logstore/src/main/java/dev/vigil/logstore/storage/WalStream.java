package dev.vigil.logstore.storage;

import dev.vigil.logstore.head.HeadSnapshot;
import dev.vigil.model.Labels;

/**
 * One stream's open chunk, as a write-ahead log checkpoint rewrites it.
 *
 * @param id     the stream's id in this store
 * @param labels the stream's labels
 * @param head   the entries of its open chunk
 */
public record WalStream(int id, Labels labels, HeadSnapshot head) {
}
