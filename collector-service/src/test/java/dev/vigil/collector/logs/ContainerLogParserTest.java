package dev.vigil.collector.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerLogParserTest {
    /** 2024-01-02T03:04:05Z in epoch seconds. */
    private static final long T0 = 1704164645L;

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(LogFormat.CRI, "2024-01-02T03:04:05.123456789Z stdout F hello world",
                        Optional.of(new ContainerLogParser.Entry(T0 * 1_000_000_000L + 123456789, "stdout", "hello world", false))),
                Arguments.of(LogFormat.CRI, "2024-01-02T03:04:05.5Z stderr P first half ",
                        Optional.of(new ContainerLogParser.Entry(T0 * 1_000_000_000L + 500_000_000, "stderr", "first half ", true))),
                Arguments.of(LogFormat.CRI, "2024-01-02T05:04:05.000000001+02:00 stdout F offset zone",
                        Optional.of(new ContainerLogParser.Entry(T0 * 1_000_000_000L + 1, "stdout", "offset zone", false))),
                Arguments.of(LogFormat.CRI, "2024-01-02T03:04:05Z stdout F",
                        Optional.of(new ContainerLogParser.Entry(T0 * 1_000_000_000L, "stdout", "", false))),
                Arguments.of(LogFormat.CRI, "2024-01-02T03:04:05Z stdout F:extra  two spaces kept",
                        Optional.of(new ContainerLogParser.Entry(T0 * 1_000_000_000L, "stdout", " two spaces kept", false))),
                Arguments.of(LogFormat.CRI, "2024-01-02T03:04:05Z stdin F not a stream", Optional.empty()),
                Arguments.of(LogFormat.CRI, "yesterday stdout F bad time", Optional.empty()),
                Arguments.of(LogFormat.DOCKER_JSON,
                        "{\"log\":\"hello \\\"quoted\\\" \\u00e9\\n\",\"stream\":\"stderr\",\"time\":\"2024-01-02T03:04:05.000000002Z\"}",
                        Optional.of(new ContainerLogParser.Entry(T0 * 1_000_000_000L + 2, "stderr", "hello \"quoted\" é", false))),
                Arguments.of(LogFormat.DOCKER_JSON,
                        "{\"log\":\"split piece\",\"stream\":\"stdout\",\"time\":\"2024-01-02T03:04:05Z\"}",
                        Optional.of(new ContainerLogParser.Entry(T0 * 1_000_000_000L, "stdout", "split piece", true))),
                Arguments.of(LogFormat.DOCKER_JSON, "{\"log\":\"no time\\n\"}", Optional.empty()),
                Arguments.of(LogFormat.PLAIN, "anything", Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void parsesLinesOfEachFormat(LogFormat format, String line, Optional<ContainerLogParser.Entry> expected) {
        assertEquals(expected, ContainerLogParser.parse(format, line));
    }

    @Test
    void detectsFormatFromFirstLine() {
        assertEquals(LogFormat.CRI, ContainerLogParser.detect("2024-01-02T03:04:05Z stdout F x"));
        assertEquals(LogFormat.DOCKER_JSON,
                ContainerLogParser.detect("{\"log\":\"x\\n\",\"stream\":\"stdout\",\"time\":\"2024-01-02T03:04:05Z\"}"));
        assertEquals(LogFormat.PLAIN, ContainerLogParser.detect("Jan  2 03:04:05 host kernel: hello"));
        assertEquals(LogFormat.PLAIN, ContainerLogParser.detect("{\"msg\":\"structured app log\"}"));
    }
}
