package dev.vigil.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoFloatTest {

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
    })
    void formatsAsGoStrconvFormatFloatF(double v, String expected) {
        assertEquals(expected, GoFloat.format(v));
    }
}
