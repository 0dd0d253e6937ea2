package dev.vigil.collector.logs;

/**
 * What makes a log file the same file across renames, truncations and restarts: a key from the
 * file system ({@code ino:<dev>:<inode>}, or {@code ctime:<creation time>} where there are no
 * inodes) and, for creation-time keys, a CRC of the file's first {@code fingerprintLength} bytes.
 * The fingerprint is needed because NTFS "tunnels" creation times: a file created under a name
 * that was renamed away seconds earlier inherits the old file's creation time.
 */
public record FileIdentity(String key, int fingerprintLength, long fingerprint) {
    public FileIdentity {
        if (key.isEmpty() || key.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("file identity key must be a non-empty single line: '" + key + "'");
        }
        if (fingerprintLength < 0) {
            throw new IllegalArgumentException("fingerprint length must be >= 0, got " + fingerprintLength);
        }
    }
}
