package dev.vigil.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class DecimalTimeTest {
    @Test
    void decimalSecondsToMillisAndNanos() {
        assertEquals(OptionalLong.of(1_700_000_000_500L), DecimalTime.parse("1700000000.5", 3));
        assertEquals(OptionalLong.of(1_700_000_000_000L), DecimalTime.parse("1.7e9", 3));
        assertEquals(OptionalLong.of(1_700_000_000_123_456_789L), DecimalTime.parse("1700000000.123456789", 9));
        assertEquals(OptionalLong.of(-1500L), DecimalTime.parse("-1.5", 3));
        assertEquals(OptionalLong.of(2L), DecimalTime.parse("0.0025", 3), "half to even");
        assertEquals(OptionalLong.empty(), DecimalTime.parse("2024-01-01T00:00:00Z", 3), "not a number: the caller tries RFC 3339");
    }

    @Test
    void hugeAndTinyExponentsAnswerAtOnce() {
        // A guard against a hang, not a speed target: unbounded BigDecimal scaling takes minutes here.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThrows(ArithmeticException.class, () -> DecimalTime.parse("1e200000000", 3));
            assertThrows(ArithmeticException.class, () -> DecimalTime.parse("-1e200000000", 9));
            assertEquals(OptionalLong.of(0), DecimalTime.parse("1e-200000000", 9));
            assertThrows(ArithmeticException.class, () -> DecimalTime.parse("1e19", 3), "beyond a long of milliseconds");
        });
    }
}
