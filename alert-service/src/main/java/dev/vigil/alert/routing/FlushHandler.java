package dev.vigil.alert.routing;

/**
 * Receives the flushes of aggregation groups: the notification pipeline. Returns true when the
 * flush was handled completely (sent, deduplicated or muted), false to keep resolved alerts in
 * the group so the next flush retries them.
 */
@FunctionalInterface
public interface FlushHandler {
    boolean flush(GroupFlush flush);
}
