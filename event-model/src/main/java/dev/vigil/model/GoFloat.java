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

    /**
     * Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, as the Prometheus text exposition format
     * writes sample values: the shortest digits, in exponent form when the exponent is below -4
     * or at least 6 ({@code 1.418183276e+09}, {@code 26442}, {@code 0.21}), "NaN", "+Inf", "-Inf".
     */
    public static String formatExposition(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int e = Math.abs(exp);
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
        }
        return sign + d.abs().toPlainString();
    }
}
