package dev.vigil.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoFloatTest {

    /**
     * The character-level formatting against the decimal arithmetic it replaced, over random bit
     * patterns (every magnitude) and values shaped like rates, byte counts and ratios.
     */
    @org.junit.jupiter.api.Test
    void plainDigitsEqualTheDecimalArithmeticForEveryMagnitude() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> -random.nextGaussian() * 1e6;
                default -> Math.floor(random.nextDouble() * 1e18) / 1e3;
            };
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            String s = Double.toString(v);
            assertEquals(new java.math.BigDecimal(s).stripTrailingZeros().toPlainString(), GoFloat.plain(s), s);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "8000000000, 8000000000",
            "0.5, 0.5",
            "1e-7, 0.0000001",
            "1.5e20, 150000000000000000000",
            "-3.25, -3.25",
            "NaN, NaN",
            "Infinity, +Inf",
            "-Infinity, -Inf",
            "0, 0",
            "-0.0, -0",
    })
    void formatsAsGoStrconvFormatFloatF(double v, String expected) {
        assertEquals(expected, GoFloat.format(v));
    }

    /** Values as node_exporter (Go's expfmt) printed them in its e2e-output.txt and on this machine. */
    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "1418183276, 1.418183276e+09",
            "26442, 26442",
            "0.21, 0.21",
            "8885917, 8.885917e+06",
            "2045936.778163039, 2.045936778163039e+06",
            "14.036781000000001, 14.036781000000001",
            "18446744073709551615, 1.8446744073709552e+19",
            "0.01, 0.01",
            "125000000, 1.25e+08",
            "0.000123, 0.000123",
            "0.0000123, 1.23e-05",
            "-2.5, -2.5",
            "0, 0",
            "NaN, NaN",
            "Infinity, +Inf",
    })
    void formatsAsTheExpositionFormatWritesValues(double v, String expected) {
        assertEquals(expected, GoFloat.formatExposition(v));
    }
}
