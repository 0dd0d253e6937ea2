package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineFilterTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(LineFilter.contains("err"), "an error here", true),
                Arguments.of(LineFilter.contains("err"), "all fine", false),
                Arguments.of(LineFilter.contains("Err"), "an error here", false),
                Arguments.of(LineFilter.contains(""), "", true),
                Arguments.of(LineFilter.contains("größe"), "die größe ist 5", true),
                Arguments.of(LineFilter.contains("日本"), "東京 日本", true),
                Arguments.of(LineFilter.contains("日本"), "日 本", false),
                Arguments.of(LineFilter.notContains("debug"), "level=info", true),
                Arguments.of(LineFilter.notContains("debug"), "level=debug", false),
                Arguments.of(LineFilter.contains("a").and(LineFilter.notContains("b")), "xa", true),
                Arguments.of(LineFilter.contains("a").and(LineFilter.notContains("b")), "ab", false),
                Arguments.of(LineFilter.all(), "anything", true));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("cases")
    void filtersTestTheLineBytesInsideABuffer(LineFilter f, String line, boolean accepted) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        // The line sits inside a larger buffer, as in a decompressed chunk: bytes around it must not count.
        byte[] buf = new byte[b.length + 6];
        System.arraycopy("err".getBytes(StandardCharsets.UTF_8), 0, buf, 0, 3);
        System.arraycopy(b, 0, buf, 3, b.length);
        System.arraycopy("bug".getBytes(StandardCharsets.UTF_8), 0, buf, 3 + b.length, 3);
        assertEquals(accepted, f.test(buf, 3, b.length));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void requiredBytesAreInEveryAcceptedLine(LineFilter f, String line, boolean accepted) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        f.requiredBytes().ifPresent(req -> {
            if (accepted) {
                assertTrue(Bytes.indexOf(b, 0, b.length, req) >= 0);
            }
        });
    }

    @Test
    void requiredBytesComeFromThePositiveTerm() {
        assertArrayEquals("needle".getBytes(StandardCharsets.UTF_8),
                LineFilter.notContains("x").and(LineFilter.contains("needle")).requiredBytes().orElseThrow());
        assertTrue(LineFilter.notContains("x").requiredBytes().isEmpty());
    }
}
