package dev.vigil.model;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.model.proto.LogBatch;

import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes {@code vigil.logs} record values ({@code LogBatch} protobuf). */
public final class LogCodec {
    private LogCodec() {
    }

    public static byte[] encode(List<LogStream> streams) {
        LogBatch.Builder b = LogBatch.newBuilder();
        for (LogStream s : streams) {
            dev.vigil.model.proto.LogStream.Builder sb = b.addStreamsBuilder();
            ProtoLabels.write(s.labels(), sb::addLabelsBuilder);
            for (LogEntry e : s.entries()) {
                dev.vigil.model.proto.LogEntry.Builder eb = sb.addEntriesBuilder()
                        .setTimestampNs(e.timestampNanos()).setLine(e.line());
                ProtoLabels.write(e.metadata(), eb::addStructuredMetadataBuilder);
            }
        }
        return b.build().toByteArray();
    }

    /** @throws DecodeException when the bytes are not a LogBatch or a stream has no labels */
    public static List<LogStream> decode(byte[] bytes) {
        if (bytes == null) {
            throw new DecodeException("log record has no value", null);
        }
        LogBatch batch;
        try {
            batch = LogBatch.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("not a vigil.v1.LogBatch: " + e.getMessage(), e);
        }
        List<LogStream> out = new ArrayList<>(batch.getStreamsCount());
        for (dev.vigil.model.proto.LogStream s : batch.getStreamsList()) {
            Labels labels = ProtoLabels.read(s.getLabelsList());
            if (labels.isEmpty()) {
                throw new DecodeException("a stream in the batch has no labels", null);
            }
            List<LogEntry> entries = new ArrayList<>(s.getEntriesCount());
            for (dev.vigil.model.proto.LogEntry p : s.getEntriesList()) {
                entries.add(new LogEntry(p.getTimestampNs(), p.getLine(), ProtoLabels.read(p.getStructuredMetadataList())));
            }
            out.add(new LogStream(labels, entries));
        }
        return out;
    }
}
