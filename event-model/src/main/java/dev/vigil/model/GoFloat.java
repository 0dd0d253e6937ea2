package dev.vigil.model;

import java.math.BigDecimal;

/**
 * Formats sample values as the Prometheus and Loki APIs write them: Go's
 * {@code strconv.FormatFloat(v, 'f', -1, 64)}, with "NaN", "+Inf" and "-Inf" for the specials.
 */
public final class GoFloat {
    private GoFloat() {
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Double.toString keeps a ".0" (1.0E-7), so strip trailing zeros as Go never writes them.
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
