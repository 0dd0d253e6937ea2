package dev.vigil.logstore.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.logstore.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SkipSearchTest {

    @ParameterizedTest(name = "\"{1}\" in \"{0}\" from {2} -> {3}")
    @CsvSource({
            "Connection is not available,   Connection is not available, 0,  0",
            "xxConnection is not available, Connection is not available, 0,  2",
            "Connection is not availabl,    Connection is not available, 0, -1",
            "abcabcabd,                     abcabd,                      0,  3",
            "aaaaaaaab,                     aab,                         0,  6",
            "needle needle,                 needle,                      1,  7",
            "needle,                        needle,                      1, -1",
            "ab,                            abc,                         0, -1"})
    void findsTheFirstOccurrenceFromAnOffset(String hay, String needle, int from, int want) {
        byte[] h = hay.getBytes(StandardCharsets.UTF_8);
        assertEquals(want, new SkipSearch(needle.getBytes(StandardCharsets.UTF_8)).indexOf(h, from, h.length));
    }

    @Test
    void agreesWithAByteByByteSearchOnRandomText() {
        // A four-letter alphabet makes partial matches and repeated needle bytes common.
        Random rnd = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] hay = new byte[rnd.nextInt(200)];
            for (int i = 0; i < hay.length; i++) {
                hay[i] = (byte) ("abcd".charAt(rnd.nextInt(4)));
            }
            byte[] needle = new byte[1 + rnd.nextInt(6)];
            for (int i = 0; i < needle.length; i++) {
                needle[i] = (byte) ("abcd".charAt(rnd.nextInt(4)));
            }
            int from = hay.length == 0 ? 0 : rnd.nextInt(hay.length);
            int to = from + rnd.nextInt(hay.length - from + 1);
            assertEquals(Bytes.indexOf(hay, from, to, needle), new SkipSearch(needle).indexOf(hay, from, to),
                    () -> new String(needle, StandardCharsets.US_ASCII) + " in " + new String(hay, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void findsBytesAboveTheAsciiRange() {
        byte[] hay = "Grüße aus Köln, Grüße aus Bonn".getBytes(StandardCharsets.UTF_8);
        byte[] needle = "Grüße aus Bonn".getBytes(StandardCharsets.UTF_8);
        // 16 characters before it, three of them two bytes long in UTF-8.
        assertEquals(19, new SkipSearch(needle).indexOf(hay, 0, hay.length));
    }

    @Test
    void anEmptyNeedleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SkipSearch(new byte[0]));
    }
}
