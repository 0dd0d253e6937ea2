package dev.vigil.collector.logs;

/**
 * How far a file has been delivered: everything before {@code offset} was acknowledged by the
 * sink. {@code path} is where the file was last seen, used to look for it again after a rename.
 */
public record FilePosition(String path, FileIdentity identity, long offset) {
    public FilePosition {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset + " for " + path);
        }
    }
}
