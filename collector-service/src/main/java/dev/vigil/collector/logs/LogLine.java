package dev.vigil.collector.logs;

import dev.vigil.model.Labels;

/**
 * One log entry read from a file: the stream it belongs to (namespace, pod, container, stream,
 * node, os, or a configured file's labels), the time taken from the line itself where the format
 * carries one (nanoseconds since the epoch), and the message without its trailing newline.
 */
public record LogLine(Labels stream, long timestampNanos, String line) {
}
