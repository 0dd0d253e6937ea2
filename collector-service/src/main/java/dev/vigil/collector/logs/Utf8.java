package dev.vigil.collector.logs;

import java.nio.charset.StandardCharsets;

/** Cutting UTF-8 text by bytes without splitting a character. */
final class Utf8 {
    private Utf8() {
    }

    /** The largest {@code n <= len} such that {@code bytes[0, n)} does not end inside a character. */
    static int boundary(byte[] bytes, int len) {
        int i = len - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return len;
        }
        int lead = bytes[i] & 0xFF;
        int expected = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return i + expected > len ? i : len;
    }

    /** {@code text} cut to at most {@code maxBytes} UTF-8 bytes, and how many bytes were cut. */
    static Cut cut(String text, int maxBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return new Cut(text, 0);
        }
        int len = boundary(bytes, maxBytes);
        return new Cut(new String(bytes, 0, len, StandardCharsets.UTF_8), bytes.length - len);
    }

    record Cut(String text, long droppedBytes) {
    }

    /** The UTF-8 length of {@code text} in bytes, without encoding it. */
    static long length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
