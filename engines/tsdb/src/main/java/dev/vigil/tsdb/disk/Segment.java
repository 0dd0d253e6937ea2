package dev.vigil.tsdb.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only file of chunk records, named {@code NNNNNNNN.seg}. It starts with an 8-byte
 * magic that also names the record framing ({@link RecordFraming}): {@code VGTSEG01} files, written
 * before the compact framing existed, are still read; new files are {@code VGTSEG02}. Bytes past the length recorded in the
 * latest checkpoint were never committed and are cut off when the store opens.
 *
 * <p>Reads are positional, so they never disturb the writer's position; the store keeps a count
 * of live chunks per segment so a file is deleted once retention or downsampling has dropped
 * everything in it.
 */
public final class Segment {
    static final byte[] MAGIC_FIXED_FRAMING = "VGTSEG01".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MAGIC = "VGTSEG02".getBytes(StandardCharsets.US_ASCII);

    private final int id;
    private final Path path;
    private final FileChannel channel;
    private final boolean fixedFraming;
    /** Volatile: the writer appends without the store's lock while stats() reads it. */
    private volatile long length;
    private int liveChunks;

    private Segment(int id, Path path, FileChannel channel, long length, boolean fixedFraming) {
        this.id = id;
        this.fixedFraming = fixedFraming;
        this.path = path;
        this.channel = channel;
        this.length = length;
    }

    public static String fileName(int id) {
        return String.format("%08d.seg", id);
    }

    /** Creates a new, empty segment (just the magic), durable once {@link #sync()} returns. */
    public static Segment create(Path dir, int id) throws IOException {
        Path path = dir.resolve(fileName(id));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ch.write(ByteBuffer.wrap(MAGIC), 0);
        return new Segment(id, path, ch, MAGIC.length, false);
    }

    /**
     * Opens an existing segment and cuts it to {@code committedLength}, or to its real length when
     * the file is shorter (a torn write the checkpoint never saw is impossible, but a damaged disk
     * is not).
     */
    public static Segment open(Path dir, int id, long committedLength) throws IOException {
        Path path = dir.resolve(fileName(id));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = ch.size();
        byte[] magic = new byte[MAGIC.length];
        ByteBuffer buf = ByteBuffer.wrap(magic);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read the magic fully
        }
        boolean fixed = java.util.Arrays.equals(magic, MAGIC_FIXED_FRAMING);
        if (buf.hasRemaining() || !(fixed || java.util.Arrays.equals(magic, MAGIC))) {
            ch.close();
            throw new IOException("not a Vigil TSDB segment: " + path);
        }
        long length = Math.min(size, committedLength);
        if (size > length) {
            ch.truncate(length);
        }
        return new Segment(id, path, ch, length, fixed);
    }

    /** Whether the file uses the original fixed 8-byte record frame (a {@code VGTSEG01} file). */
    public boolean fixedFraming() {
        return fixedFraming;
    }

    public int id() {
        return id;
    }

    public Path path() {
        return path;
    }

    /** Bytes written so far, committed or not. */
    public long length() {
        return length;
    }

    /** Appends bytes at the end; returns the offset they start at. */
    public long append(ByteBuffer bytes) throws IOException {
        long at = length;
        long pos = at;
        while (bytes.hasRemaining()) {
            pos += channel.write(bytes, pos);
        }
        length = pos;
        return at;
    }

    /** Cuts off a damaged tail found by a scan, so new records follow intact ones. */
    public void truncate(long newLength) throws IOException {
        channel.truncate(newLength);
        length = newLength;
    }

    public void sync() throws IOException {
        channel.force(false);
    }

    /** Reads {@code length} bytes at {@code offset}. */
    public byte[] read(long offset, int length) {
        byte[] out = new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(out);
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + buf.position());
                if (n < 0) {
                    throw new IOException("unexpected end of " + path + " at " + (offset + buf.position()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading chunk from " + path, e);
        }
        return out;
    }

    FileChannel channel() {
        return channel;
    }

    public void addLiveChunk() {
        liveChunks++;
    }

    public void removeLiveChunk() {
        liveChunks--;
    }

    public int liveChunks() {
        return liveChunks;
    }

    public void close() throws IOException {
        channel.close();
    }

    /** Closes and removes the file. */
    public void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}
