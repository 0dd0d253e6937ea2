package dev.vigil.logstore.storage;

import dev.vigil.logstore.chunk.ByteSink;
import dev.vigil.logstore.chunk.CorruptDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * An append-only file of framed records that starts with an 8-byte magic. Chunk segments and
 * write-ahead log files are both segment files. One thread appends; any thread may read what was
 * appended, by position.
 */
public final class SegmentFile {
    private final long id;
    private final Path path;
    private final FileChannel channel;
    private volatile long size;
    /** Newest timestamp of any chunk in the file; writer-owned bookkeeping for retention. */
    private long maxTs = Long.MIN_VALUE;

    private SegmentFile(long id, Path path, FileChannel channel, long size) {
        this.id = id;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Creates a new, empty file holding only {@code magic}. */
    public static SegmentFile create(Path path, long id, byte[] magic) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ch.write(ByteBuffer.wrap(magic), 0);
        return new SegmentFile(id, path, ch, magic.length);
    }

    /**
     * Opens an existing file for appending after its intact prefix: bytes from {@code validEnd} on
     * (a torn tail) are cut off, so new records never follow garbage.
     */
    public static SegmentFile reopen(Path path, long id, long validEnd) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (ch.size() > validEnd) {
            ch.truncate(validEnd);
        }
        return new SegmentFile(id, path, ch, validEnd);
    }

    /**
     * Checks that {@code path} starts with {@code magic}. A file shorter than the magic was torn
     * while being created and holds nothing; a different magic is not a Vigil file and is an error.
     *
     * @return true when the magic is there, false when the file is too short to hold it
     */
    public static boolean checkMagic(Path path, byte[] magic) throws IOException {
        if (Files.size(path) < magic.length) {
            return false;
        }
        byte[] head = new byte[magic.length];
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // keep reading until the magic is complete
            }
        }
        if (!Arrays.equals(head, magic)) {
            throw new IOException(path + " is not a " + new String(magic, StandardCharsets.US_ASCII).trim()
                    + " file (wrong magic); move it out of the store directory");
        }
        return true;
    }

    public long id() {
        return id;
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public long maxTs() {
        return maxTs;
    }

    public void noteTimestamp(long t) {
        maxTs = Math.max(maxTs, t);
    }

    /** Appends the sink's bytes; returns the file offset where they start. */
    public long append(ByteSink bytes) throws IOException {
        long at = size;
        ByteBuffer b = ByteBuffer.wrap(bytes.array(), 0, bytes.size());
        long pos = at;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
        size = pos;
        return at;
    }

    /** Reads {@code len} bytes at {@code offset}. */
    public byte[] read(long offset, int len) {
        byte[] out = new byte[len];
        ByteBuffer b = ByteBuffer.wrap(out);
        try {
            long pos = offset;
            while (b.hasRemaining()) {
                int n = channel.read(b, pos);
                if (n < 0) {
                    throw new CorruptDataException(path + " ends before offset " + (offset + len));
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " at " + offset, e);
        }
        return out;
    }

    /** Makes every appended byte durable. */
    public void force() throws IOException {
        channel.force(false);
    }

    public void close() throws IOException {
        channel.close();
    }
}
