package dev.vigil.logstore.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The last retention cutoff, kept in file {@code retention-cutoff} (8 bytes, big-endian
 * nanoseconds). A segment file outlives its expired chunks while it still holds live ones, so
 * recovery needs the cutoff to keep those expired chunks from coming back.
 */
public final class RetentionMark {
    private static final String FILE = "retention-cutoff";

    private RetentionMark() {
    }

    /** The stored cutoff, or {@link Long#MIN_VALUE} when retention never ran (or the file is damaged). */
    public static long read(Path dir) throws IOException {
        Path p = dir.resolve(FILE);
        if (!Files.exists(p)) {
            return Long.MIN_VALUE;
        }
        byte[] b = Files.readAllBytes(p);
        return b.length == 8 ? ByteBuffer.wrap(b).getLong() : Long.MIN_VALUE;
    }

    /** Replaces the stored cutoff atomically and durably. */
    public static void write(Path dir, long cutoff) throws IOException {
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.allocate(8).putLong(0, cutoff));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Directories.sync(dir);
    }
}
