package dev.vigil.logstore.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the frames of a file in order (see {@link Frames}) until the end or the first torn or
 * corrupt frame; {@link #validEnd()} then tells where the intact prefix ends.
 */
public final class FrameReader implements AutoCloseable {
    private final DataInputStream in;
    private final long fileSize;
    private long pos;
    private long validEnd;
    private byte[] body = new byte[1 << 16];
    private int bodyLen;
    private long bodyOffset;

    public FrameReader(Path file, long skip) throws IOException {
        InputStream raw = Files.newInputStream(file);
        this.in = new DataInputStream(new BufferedInputStream(raw, 1 << 20));
        this.fileSize = Files.size(file);
        in.skipNBytes(skip);
        this.pos = skip;
        this.validEnd = skip;
    }

    /** Advances to the next intact frame; false at the end of the intact prefix. */
    public boolean next() throws IOException {
        if (fileSize - pos < Frames.HEADER) {
            return false;
        }
        int len;
        int crc;
        try {
            len = in.readInt();
            crc = in.readInt();
        } catch (EOFException e) {
            return false;
        }
        if (len < 0 || len > Frames.MAX_BODY || len > fileSize - pos - Frames.HEADER) {
            return false;
        }
        if (body.length < len) {
            body = new byte[Math.max(len, body.length * 2)];
        }
        try {
            in.readFully(body, 0, len);
        } catch (EOFException e) {
            return false;
        }
        if (Frames.crc(body, 0, len) != crc) {
            return false;
        }
        bodyLen = len;
        bodyOffset = pos + Frames.HEADER;
        pos += Frames.HEADER + len;
        validEnd = pos;
        return true;
    }

    /** The current frame's body, valid until the next call of {@link #next()}. */
    public byte[] body() {
        return body;
    }

    public int bodyLength() {
        return bodyLen;
    }

    /** File offset where the current frame's body starts. */
    public long bodyOffset() {
        return bodyOffset;
    }

    /** File offset just past the last intact frame. */
    public long validEnd() {
        return validEnd;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
