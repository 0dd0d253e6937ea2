package dev.vigil.promql.script;

import dev.vigil.model.StaleNaN;
import dev.vigil.promql.parser.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * The value notation of PromQL test files: numbers, {@code _} (no sample), {@code stale},
 * {@code a+bxN} / {@code a-bxN} (N+1 values from a stepping by b), {@code axN} (a, N+1 times), {@code _xN}.
 * A missing value is {@code null} in the returned list.
 */
final class SeriesValues {
    private SeriesValues() {
    }

    static List<Double> parse(String text) {
        List<Double> out = new ArrayList<>();
        for (String tok : text.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            expand(tok, out);
        }
        return out;
    }

    private static void expand(String tok, List<Double> out) {
        if (tok.equals("_")) {
            out.add(null);
            return;
        }
        if (tok.equals("stale")) {
            out.add(StaleNaN.VALUE);
            return;
        }
        int x = tok.lastIndexOf('x');
        if (x > 0 && x < tok.length() - 1 && tok.substring(x + 1).chars().allMatch(Character::isDigit)) {
            String left = tok.substring(0, x);
            int times = Integer.parseInt(tok.substring(x + 1));
            if (left.equals("_")) {
                for (int i = 0; i < times; i++) {
                    out.add(null);
                }
                return;
            }
            int op = operatorIndex(left);
            if (op < 0) {
                double v = Numbers.parse(left);
                for (int i = 0; i <= times; i++) {
                    out.add(v);
                }
                return;
            }
            double v = Numbers.parse(left.substring(0, op));
            double step = Numbers.parse(left.substring(op));
            out.add(v);
            for (int i = 1; i <= times; i++) {
                v += step;
                out.add(v);
            }
            return;
        }
        out.add(Numbers.parse(tok));
    }

    /** Index of the +/- that separates start and step, skipping a leading sign and exponent signs. */
    private static int operatorIndex(String s) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            char prev = s.charAt(i - 1);
            if ((c == '+' || c == '-') && prev != 'e' && prev != 'E') {
                return i;
            }
        }
        return -1;
    }
}
