package dev.vigil.collector.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Parses single physical lines of container log files written by a CRI runtime or by Docker's
 * json-file driver. Both formats split long messages: CRI marks the pieces with the {@code P} tag
 * and the last one with {@code F}; Docker leaves the trailing newline off every piece but the
 * last. Either way the piece comes back with {@link Entry#partial()} set so the caller can join
 * them.
 */
public final class ContainerLogParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerLogParser() {
    }

    /** One parsed physical line. */
    public record Entry(long timestampNanos, String stream, String message, boolean partial) {
    }

    /** Guesses a file's format from one complete line of it. */
    public static LogFormat detect(String line) {
        if (parseCri(line).isPresent()) {
            return LogFormat.CRI;
        }
        if (line.startsWith("{") && parseDocker(line).isPresent()) {
            return LogFormat.DOCKER_JSON;
        }
        return LogFormat.PLAIN;
    }

    /** Parses a line in the given format; empty when the line does not fit it (or for PLAIN). */
    public static Optional<Entry> parse(LogFormat format, String line) {
        return switch (format) {
            case CRI -> parseCri(line);
            case DOCKER_JSON -> parseDocker(line);
            case PLAIN -> Optional.empty();
        };
    }

    /** {@code 2024-01-02T03:04:05.123456789Z stdout F message}; the tag may carry more ':'-separated fields. */
    static Optional<Entry> parseCri(String line) {
        int s1 = line.indexOf(' ');
        if (s1 <= 0) {
            return Optional.empty();
        }
        int s2 = line.indexOf(' ', s1 + 1);
        if (s2 < 0) {
            return Optional.empty();
        }
        String stream = line.substring(s1 + 1, s2);
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            return Optional.empty();
        }
        int s3 = line.indexOf(' ', s2 + 1);
        String tag = s3 < 0 ? line.substring(s2 + 1) : line.substring(s2 + 1, s3);
        int colon = tag.indexOf(':');
        String partialTag = colon < 0 ? tag : tag.substring(0, colon);
        if (!partialTag.equals("P") && !partialTag.equals("F")) {
            return Optional.empty();
        }
        OptionalLong ts = parseTimestamp(line.substring(0, s1));
        if (ts.isEmpty()) {
            return Optional.empty();
        }
        String message = s3 < 0 ? "" : line.substring(s3 + 1);
        return Optional.of(new Entry(ts.getAsLong(), stream, message, partialTag.equals("P")));
    }

    static Optional<Entry> parseDocker(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("log").isTextual()) {
            return Optional.empty();
        }
        OptionalLong ts = parseTimestamp(node.path("time").asText(""));
        if (ts.isEmpty()) {
            return Optional.empty();
        }
        String log = node.path("log").asText();
        boolean partial = !log.endsWith("\n");
        String message = partial ? log : log.substring(0, log.length() - (log.endsWith("\r\n") ? 2 : 1));
        return Optional.of(new Entry(ts.getAsLong(), node.path("stream").asText("stdout"), message, partial));
    }

    /** RFC 3339 with up to nanosecond precision and a zone offset, as both runtimes write it. */
    static OptionalLong parseTimestamp(String text) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return OptionalLong.of(Math.addExact(Math.multiplyExact(t.toEpochSecond(), 1_000_000_000L), t.getNano()));
        } catch (DateTimeParseException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }
}
