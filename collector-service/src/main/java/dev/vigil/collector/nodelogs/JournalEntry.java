package dev.vigil.collector.nodelogs;

/**
 * One systemd journal record from {@code journalctl -o json}.
 *
 * @param cursor         {@code __CURSOR}, where to resume after this entry
 * @param realtimeMicros {@code __REALTIME_TIMESTAMP}, microseconds since the epoch
 * @param priority       {@code PRIORITY} (0 emerg .. 7 debug); 6 when absent, as journald assumes
 * @param unit           {@code _SYSTEMD_UNIT}, or "" for kernel and other unit-less entries
 * @param identifier     {@code SYSLOG_IDENTIFIER}, or ""
 * @param message        {@code MESSAGE}, binary messages decoded as UTF-8
 */
public record JournalEntry(String cursor, long realtimeMicros, int priority, String unit, String identifier, String message) {
}
