package dev.vigil.logstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A test on the UTF-8 bytes of a line, pushed down into chunk scans so that lines are matched
 * before any {@code String} is built (what {@code |= "needle"} and {@code != "needle"} need).
 *
 * <p>A filter may name a byte sequence that every accepted line contains
 * ({@link #requiredBytes()}); a scan then searches the whole decompressed block for it at once and
 * tests only the lines where it occurs, which is what makes {@code |=} scans fast.
 */
@FunctionalInterface
public interface LineFilter {

    /** The filter that accepts every line; scans skip testing when they are given it. */
    LineFilter ACCEPT_ALL = (utf8, offset, length) -> true;

    /** Whether the line held in {@code utf8[offset, offset + length)} is accepted. */
    boolean test(byte[] utf8, int offset, int length);

    /** Bytes that every accepted line contains, when the filter knows such; empty otherwise. */
    default Optional<byte[]> requiredBytes() {
        return Optional.empty();
    }

    /** A filter accepting lines that both filters accept. */
    default LineFilter and(LineFilter other) {
        Objects.requireNonNull(other, "other");
        LineFilter self = this;
        Optional<byte[]> required = requiredBytes().or(other::requiredBytes);
        return new LineFilter() {
            @Override
            public boolean test(byte[] utf8, int offset, int length) {
                return self.test(utf8, offset, length) && other.test(utf8, offset, length);
            }

            @Override
            public Optional<byte[]> requiredBytes() {
                return required;
            }
        };
    }

    /** Accepts every line. */
    static LineFilter all() {
        return ACCEPT_ALL;
    }

    /** Accepts lines containing {@code needle} (case-sensitive), as LogQL's {@code |=}. */
    static LineFilter contains(String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        return new LineFilter() {
            @Override
            public boolean test(byte[] utf8, int offset, int length) {
                return Bytes.indexOf(utf8, offset, offset + length, n) >= 0;
            }

            @Override
            public Optional<byte[]> requiredBytes() {
                return Optional.of(Arrays.copyOf(n, n.length));
            }
        };
    }

    /** Accepts lines not containing {@code needle} (case-sensitive), as LogQL's {@code !=}. */
    static LineFilter notContains(String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        return (utf8, offset, length) -> Bytes.indexOf(utf8, offset, offset + length, n) < 0;
    }
}
