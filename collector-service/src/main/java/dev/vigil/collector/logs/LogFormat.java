package dev.vigil.collector.logs;

/**
 * The shape of the lines in a log file, detected from its first complete line.
 */
public enum LogFormat {
    /** CRI (containerd, CRI-O): {@code <RFC3339Nano> <stdout|stderr> <P|F> <message>}. */
    CRI,
    /** Docker's json-file driver: {@code {"log":"...\n","stream":"stdout","time":"..."}}. */
    DOCKER_JSON,
    /** Anything else: each line is the message, timed when it is read. */
    PLAIN
}
