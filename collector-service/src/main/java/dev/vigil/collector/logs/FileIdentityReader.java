package dev.vigil.collector.logs;

import dev.vigil.model.NodeOs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Reads {@link FileIdentity FileIdentities}. On Linux the identity is device + inode, read through
 * the {@code unix} attribute view; where that view is missing (Windows) it is the creation time
 * plus a fingerprint of the first bytes, which survives renames and tells apart a new file that
 * inherited a tunnelled creation time.
 */
public final class FileIdentityReader {
    /** How many leading bytes the fingerprint covers once the file is that long. */
    public static final int FINGERPRINT_BYTES = 1024;

    /** Source of a file's creation time; replaceable because some platforms report mtime instead. */
    @FunctionalInterface
    public interface CreationTime {
        FileTime of(Path file) throws IOException;
    }

    private final boolean useInode;
    private final CreationTime creationTime;

    private FileIdentityReader(boolean useInode, CreationTime creationTime) {
        this.useInode = useInode;
        this.creationTime = creationTime;
    }

    /** The default for a node of this OS: inodes on Linux, creation time + fingerprint on Windows. */
    public static FileIdentityReader forOs(NodeOs os) {
        return os == NodeOs.WINDOWS ? creationTimeAndFingerprint() : inode();
    }

    /** Device + inode; falls back to creation time + fingerprint where the file system has no inodes. */
    public static FileIdentityReader inode() {
        return new FileIdentityReader(true, FileIdentityReader::basicCreationTime);
    }

    /** Creation time (from the file system) + fingerprint of the first bytes. */
    public static FileIdentityReader creationTimeAndFingerprint() {
        return creationTimeAndFingerprint(FileIdentityReader::basicCreationTime);
    }

    /** Creation time from the given source + fingerprint of the first bytes. */
    public static FileIdentityReader creationTimeAndFingerprint(CreationTime source) {
        return new FileIdentityReader(false, source);
    }

    /** The identity of the file now at {@code file}; empty when it does not exist or cannot be read. */
    public Optional<FileIdentity> read(Path file) {
        try {
            if (useInode) {
                Optional<String> ino = inodeKey(file);
                if (ino.isPresent()) {
                    return Optional.of(new FileIdentity(ino.get(), 0, 0));
                }
            }
            String key = "ctime:" + creationTime.of(file).toInstant();
            byte[] head = readHead(file, FINGERPRINT_BYTES);
            return Optional.of(new FileIdentity(key, head.length, crc(head, head.length)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the file now at {@code file} is the one {@code known} was read from. For
     * fingerprinted identities the file's first {@code known.fingerprintLength()} bytes must still
     * hash the same, so a file that grew keeps its identity and one that was rewritten loses it.
     */
    public boolean matches(FileIdentity known, Path file) {
        Optional<FileIdentity> now = read(file);
        if (now.isEmpty() || !now.get().key().equals(known.key())) {
            return false;
        }
        if (known.fingerprintLength() == 0) {
            return true;
        }
        try {
            byte[] head = readHead(file, known.fingerprintLength());
            return head.length == known.fingerprintLength() && crc(head, head.length) == known.fingerprint();
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<String> inodeKey(Path file) throws IOException {
        try {
            Object dev = Files.getAttribute(file, "unix:dev");
            Object ino = Files.getAttribute(file, "unix:ino");
            return Optional.of("ino:" + dev + ":" + ino);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static FileTime basicCreationTime(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).creationTime();
    }

    private static byte[] readHead(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    private static long crc(byte[] bytes, int len) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, len);
        return crc.getValue();
    }
}
