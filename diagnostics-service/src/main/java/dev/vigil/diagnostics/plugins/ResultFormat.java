package dev.vigil.diagnostics.plugins;

import java.util.Locale;

/** How a plugin's results are read, as Sonobuoy's {@code result-format} names it. */
public enum ResultFormat {
    /** JUnit XML: one result per test case. */
    JUNIT,
    /** Files kept as they are, not interpreted. */
    RAW,
    /** Sonobuoy's manual format: a YAML tree of {@code name}, {@code status}, {@code items}. */
    MANUAL;

    public static ResultFormat parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown result-format '" + value + "': expected junit, raw or manual");
        }
    }
}
