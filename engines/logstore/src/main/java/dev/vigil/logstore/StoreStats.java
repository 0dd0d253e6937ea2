package dev.vigil.logstore;

/**
 * Counters of a whole store.
 *
 * @param streams         live streams
 * @param entries         live entries (sealed and open)
 * @param chunks          sealed chunks
 * @param rawBytes        raw line and metadata bytes of all live entries
 * @param sealedRawBytes  the part of {@code rawBytes} that is in sealed chunks
 * @param storedBytes     compressed bytes of the sealed chunks on disk
 * @param duplicates      appends dropped as exact duplicates since open
 * @param rejectedTooOld  appends rejected as older than the out-of-order window since open
 * @param rejectedInvalid appends rejected for invalid input (no labels) since open
 */
public record StoreStats(long streams, long entries, long chunks, long rawBytes, long sealedRawBytes,
                         long storedBytes, long duplicates, long rejectedTooOld, long rejectedInvalid) {

    /** Raw bytes per stored byte over the sealed chunks; 0 when nothing is sealed yet. */
    public double compressionRatio() {
        return storedBytes == 0 ? 0 : (double) sealedRawBytes / storedBytes;
    }
}
