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
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0"; // Go keeps the sign of a negative zero
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return plain(Double.toString(v));
    }

    /**
     * {@code Double.toString}'s digits written out without an exponent and without trailing zeros
     * (Go never writes them): "1.5E-7" is "0.00000015", "1.0E20" is "100000000000000000000".
     * Done on the characters, as a query answer formats every one of its points this way.
     */
    static String plain(String s) {
        int e = s.indexOf('E');
        if (e < 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            return s.charAt(end - 1) == '.' ? s.substring(0, end - 1) : s.substring(0, end);
        }
        boolean negative = s.charAt(0) == '-';
        int exp = Integer.parseInt(s, e + 1, s.length(), 10);
        StringBuilder digits = new StringBuilder(e);
        int point = -1;
        for (int i = negative ? 1 : 0; i < e; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                point = digits.length();
            } else {
                digits.append(c);
            }
        }
        int intDigits = (point < 0 ? digits.length() : point) + exp; // digits before the decimal point
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++; // Double.toString writes one digit before the point; it is not 0 in exponent form
        }
        StringBuilder out = new StringBuilder(digits.length() + Math.abs(exp) + 3);
        if (negative) {
            out.append('-');
        }
        if (intDigits <= 0) {
            out.append("0.");
            for (int i = intDigits; i < 0; i++) {
                out.append('0');
            }
            out.append(digits, lead, digits.length());
        } else if (intDigits >= digits.length()) {
            out.append(digits, lead, digits.length());
            for (int i = digits.length(); i < intDigits; i++) {
                out.append('0');
            }
        } else {
            out.append(digits, lead, intDigits).append('.').append(digits, intDigits, digits.length());
        }
        return out.toString();
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
