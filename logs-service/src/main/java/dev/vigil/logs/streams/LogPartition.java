package dev.vigil.logs.streams;

import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.kafka.streams.PartitionStore;
import dev.vigil.logstore.AppendResult;
import dev.vigil.logstore.LogStore;
import dev.vigil.logstore.LogStoreOptions;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * The log store of one {@code vigil.logs} partition: decodes each record (LogBatch protobuf) and
 * appends its lines; the store drops the lines a replay after a crash writes twice.
 */
final class LogPartition implements PartitionStore<LogStore> {
    private final LogStore store;
    private final IngestCounters<AppendResult> counters;
    private final LongAdder chunksDeleted;
    private final long maxBytes;

    private LogPartition(LogStore store, IngestCounters<AppendResult> counters, LongAdder chunksDeleted, long maxBytes) {
        this.store = store;
        this.counters = counters;
        this.chunksDeleted = chunksDeleted;
        this.maxBytes = maxBytes;
    }

    /**
     * {@code chunksDeleted} adds up what retention deletes, over every partition; {@code maxBytes}
     * caps the sealed chunks kept (0: no limit).
     */
    static LogPartition open(Path dir, LogStoreOptions options, IngestCounters<AppendResult> counters, LongAdder chunksDeleted,
                             long maxBytes) throws IOException {
        return new LogPartition(LogStore.open(dir, options), counters, chunksDeleted, maxBytes);
    }

    @Override
    public void write(byte[] record) {
        for (LogStream s : LogCodec.decode(record)) {
            for (LogEntry e : s.entries()) {
                counters.count(store.append(s.labels(), e.timestampNanos(), e.line(), e.metadata()));
            }
        }
    }

    /** Seals chunks past their age and deletes those past retention (time and size), with their files. */
    @Override
    public void maintain(long nowMillis) {
        chunksDeleted.add(store.enforceRetention(nowMillis * 1_000_000L, maxBytes));
    }

    @Override
    public LogStore engine() {
        return store;
    }

    @Override
    public void commit() {
        store.commit();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
