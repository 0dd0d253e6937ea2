package dev.vigil.collector.nodelogs;

/**
 * One Windows Event Log record, from its Event XML.
 *
 * @param provider      {@code System/Provider/@Name}
 * @param eventId       {@code System/EventID}
 * @param level         {@code System/Level} (1 critical .. 5 verbose, 0 log-always)
 * @param timeNanos     {@code System/TimeCreated/@SystemTime}, nanoseconds since the epoch
 * @param recordId      {@code System/EventRecordID}, increasing per channel
 * @param channel       {@code System/Channel}
 * @param computer      {@code System/Computer}
 * @param message       the rendered message ({@code RenderingInfo/Message}) or, without one,
 *                      the event data as {@code name=value} pairs
 */
public record WindowsEvent(String provider, long eventId, int level, long timeNanos, long recordId, String channel,
                           String computer, String message) {
}
