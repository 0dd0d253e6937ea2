package dev.vigil.promql.parser;

import java.util.Locale;

/** Number parsing with Go's {@code strconv.ParseFloat} rules, as PromQL literals and {@code le} labels use. */
public final class Numbers {
    private Numbers() {
    }

    /** Parses a float the way Go does: decimal, {@code 0x} hex, {@code Inf}, {@code NaN}, optional sign. */
    public static double parse(String s) {
        String t = s.trim();
        if (t.isEmpty() || !t.equals(s)) {
            throw new NumberFormatException("invalid number: " + s);
        }
        String lower = t.toLowerCase(Locale.ROOT);
        boolean neg = lower.startsWith("-");
        String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        switch (body) {
            case "inf", "infinity" -> {
                return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (body.startsWith("0x")) {
            String hex = body.substring(2);
            double v;
            if (hex.contains("p")) {
                v = Double.parseDouble("0x" + hex);
            } else {
                if (hex.isEmpty() || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new NumberFormatException("invalid number: " + s);
                }
                v = new java.math.BigInteger(hex, 16).doubleValue();
            }
            return neg ? -v : v;
        }
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (!(Character.isDigit(c) || c == '.' || c == 'e' || c == '+' || c == '-')) {
                throw new NumberFormatException("invalid number: " + s);
            }
        }
        return Double.parseDouble(t);
    }
}
