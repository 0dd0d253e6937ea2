package dev.vigil.collector.logs;

import dev.vigil.model.Labels;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One open log file being followed: its channel, how far it was read, the line still being
 * written, and CRI/Docker partial messages still being joined (one per stream, because a
 * runtime writes stdout and stderr pieces to the same file in any interleaving).
 *
 * <p>Every emitted line carries a checkpoint: the offset from which a restart must read so that
 * nothing after this line is lost. It is the end of the line unless a message on another stream
 * is half-joined, in which case it is where that message began.
 */
final class TailedFile implements Closeable {
    /** Text appended to a message cut at the maximum line size. */
    static final String TRUNCATION_MARKER = "…[truncated %d bytes]";
    private static final int READ_BUFFER = 64 * 1024;

    record Emitted(LogLine line, long checkpoint) {
    }

    private static final class Assembly {
        final long startOffset;
        final long timestampNanos;
        final StringBuilder text = new StringBuilder();
        long bytes;
        long dropped;

        Assembly(long startOffset, long timestampNanos) {
            this.startOffset = startOffset;
            this.timestampNanos = timestampNanos;
        }
    }

    private final Path path;
    private final Labels labels;
    private final FileChannel channel;
    private final int maxLineBytes;
    private final Clock clock;
    private final LineSplitter splitter;
    private final Map<String, Assembly> assemblies = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    private FileIdentity identity;
    private Optional<LogFormat> format = Optional.empty();
    private long readOffset;
    private long lineStart;

    TailedFile(Path path, Labels labels, FileIdentity identity, long offset, int maxLineBytes, Clock clock) throws IOException {
        this.path = path;
        this.labels = labels;
        this.identity = identity;
        // On Windows the JDK opens files with FILE_SHARE_DELETE, so this handle does not stop the
        // kubelet from renaming or deleting the file during rotation.
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.maxLineBytes = maxLineBytes;
        this.clock = clock;
        // Physical lines may carry a CRI prefix or JSON escaping on top of the message.
        this.splitter = new LineSplitter(maxLineBytes + Math.max(1024, maxLineBytes / 4));
        rewindTo(offset);
    }

    Path path() {
        return path;
    }

    FileIdentity identity() {
        return identity;
    }

    void identity(FileIdentity newer) {
        identity = newer;
    }

    long readOffset() {
        return readOffset;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Starts over at {@code offset}, forgetting half-read lines and half-joined messages. */
    void rewindTo(long offset) {
        readOffset = offset;
        lineStart = offset;
        splitter.reset();
        assemblies.clear();
    }

    /** Reads at most about {@code budget} new bytes; returns how many were read. */
    long read(long budget, Consumer<Emitted> out) throws IOException {
        long total = 0;
        while (total < budget) {
            buffer.clear();
            int n = channel.read(buffer, readOffset);
            if (n <= 0) {
                break;
            }
            long at = readOffset;
            readOffset += n;
            total += n;
            splitter.feed(buffer.array(), n, at, line -> onLine(line, out));
        }
        return total;
    }

    /** Reads the rest of a file that will not grow again and emits everything still held. */
    void finish(Consumer<Emitted> out) throws IOException {
        read(Long.MAX_VALUE, out);
        splitter.flush(readOffset, line -> onLine(line, out));
        for (String stream : assemblies.keySet().toArray(new String[0])) {
            Assembly a = assemblies.remove(stream);
            out.accept(new Emitted(message(stream, a), checkpoint(readOffset)));
        }
    }

    private void onLine(LineSplitter.Line line, Consumer<Emitted> out) {
        long start = lineStart;
        lineStart = line.endOffset();
        if (format.isEmpty()) {
            format = Optional.of(ContainerLogParser.detect(line.text()));
        }
        Optional<ContainerLogParser.Entry> parsed = ContainerLogParser.parse(format.get(), line.text());
        if (parsed.isEmpty()) {
            Utf8.Cut cut = Utf8.cut(line.text(), maxLineBytes);
            String text = withMarker(cut.text(), cut.droppedBytes() + line.droppedBytes());
            out.accept(new Emitted(new LogLine(labels, nowNanos(), text), checkpoint(line.endOffset())));
            return;
        }
        ContainerLogParser.Entry e = parsed.get();
        Assembly a = assemblies.computeIfAbsent(e.stream(), s -> new Assembly(start, e.timestampNanos()));
        append(a, e.message(), line.droppedBytes());
        if (!e.partial()) {
            assemblies.remove(e.stream());
            out.accept(new Emitted(message(e.stream(), a), checkpoint(line.endOffset())));
        }
    }

    private void append(Assembly a, String piece, long alreadyDropped) {
        // Once a message was cut, later pieces must not fill the gap: the text would skip bytes.
        long room = a.dropped > 0 ? 0 : Math.max(0, maxLineBytes - a.bytes);
        Utf8.Cut cut = Utf8.cut(piece, (int) Math.min(room, Integer.MAX_VALUE));
        a.text.append(cut.text());
        a.bytes += Utf8.length(cut.text());
        a.dropped += cut.droppedBytes() + alreadyDropped;
    }

    private LogLine message(String stream, Assembly a) {
        Labels withStream = labels.toBuilder().set("stream", stream).build();
        return new LogLine(withStream, a.timestampNanos, withMarker(a.text.toString(), a.dropped));
    }

    private long checkpoint(long lineEnd) {
        long at = lineEnd;
        for (Assembly a : assemblies.values()) {
            at = Math.min(at, a.startOffset);
        }
        return at;
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static String withMarker(String text, long dropped) {
        return dropped == 0 ? text : text + String.format(TRUNCATION_MARKER, dropped);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
