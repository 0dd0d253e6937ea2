package dev.vigil.logs.streams;

import dev.vigil.logstore.LogStore;
import dev.vigil.model.DeadLetter;
import dev.vigil.model.DecodeException;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.List;

/**
 * Decodes each {@code vigil.logs} record and appends its entries to the partition's log store; a
 * record that does not decode goes to the dead-letter sink with the reason, and the stream goes on.
 */
final class LogIngestProcessor implements Processor<byte[], byte[], byte[], byte[]> {
    private final String storeName;
    private final LogIngestCounters counters;
    private ProcessorContext<byte[], byte[]> context;
    private LogStore store;

    LogIngestProcessor(String storeName, LogIngestCounters counters) {
        this.storeName = storeName;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        LogStoreStateStore s = context.getStateStore(storeName);
        this.store = s.store();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        List<LogStream> batch;
        try {
            batch = LogCodec.decode(record.value());
        } catch (DecodeException e) {
            RecordMetadata md = context.recordMetadata().orElseThrow();
            context.forward(record.withHeaders(DeadLetter.headers(md.topic(), md.partition(), md.offset(), e.getMessage())),
                    LogsTopology.DEADLETTER_SINK);
            counters.deadLetter();
            return;
        }
        for (LogStream s : batch) {
            for (LogEntry e : s.entries()) {
                counters.count(store.append(s.labels(), e.timestampNanos(), e.line(), e.metadata()));
            }
        }
        // Durable before Streams may commit this record's offset. Streams flushes a store without
        // a changelog only on close (its flush follows changelog progress), so a commit-time flush
        // alone would lose the lines of committed offsets on kill -9.
        store.commit();
    }
}
