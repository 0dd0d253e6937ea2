package dev.vigil.logql.parser;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Parsing of the duration and byte-size notations LogQL reads: Go's {@code time.ParseDuration}
 * ({@code 1.5s}, {@code 2h45m}, {@code 300ms}) for label values, Prometheus durations (which also
 * know {@code d}, {@code w}, {@code y}) for ranges, and humanized byte sizes ({@code 20MB} is
 * 20·10⁶, {@code 20MiB} is 20·2²⁰) as go-humanize's {@code ParseBytes} reads them.
 */
public final class Units {
    private static final long NS = 1L;
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    private static final long D = 24 * H;

    private Units() {
    }

    /**
     * Nanoseconds of a duration in Go or Prometheus notation; empty when the text is neither.
     * A leading sign is allowed (Go allows it), decimals are allowed in each component.
     */
    public static OptionalLong parseDuration(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        boolean neg = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return OptionalLong.of(0);
        }
        double total = 0;
        int i = 0;
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return OptionalLong.empty();
            }
            double num;
            try {
                num = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
            int ustart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(ustart, i)) {
                case "ns" -> NS;
                case "us", "µs", "μs" -> US;
                case "ms" -> MS;
                case "s" -> S;
                case "m" -> M;
                case "h" -> H;
                case "d" -> D;
                case "w" -> 7 * D;
                case "y" -> 365 * D;
                default -> -1;
            };
            if (unit < 0) {
                return OptionalLong.empty();
            }
            total += num * unit;
        }
        long v = Math.round(total);
        return OptionalLong.of(neg ? -v : v);
    }

    /** Bytes of a humanized size ({@code 42}, {@code 42B}, {@code 4.2 kB}, {@code 1KiB}); empty when unparsable. */
    public static OptionalDouble parseBytes(String text) {
        String s = text.trim();
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || (i == 0 && s.charAt(i) == '-'))) {
            i++;
        }
        if (i == 0) {
            return OptionalDouble.empty();
        }
        double num;
        try {
            num = Double.parseDouble(s.substring(0, i));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
        if (num < 0) {
            return OptionalDouble.empty();
        }
        String unit = s.substring(i).trim().toLowerCase();
        double mult = switch (unit) {
            case "", "b" -> 1;
            case "k", "kb" -> 1e3;
            case "ki", "kib" -> 1L << 10;
            case "m", "mb" -> 1e6;
            case "mi", "mib" -> 1L << 20;
            case "g", "gb" -> 1e9;
            case "gi", "gib" -> 1L << 30;
            case "t", "tb" -> 1e12;
            case "ti", "tib" -> 1L << 40;
            case "p", "pb" -> 1e15;
            case "pi", "pib" -> 1L << 50;
            case "e", "eb" -> 1e18;
            case "ei", "eib" -> 1L << 60;
            default -> -1;
        };
        if (mult < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.floor(num * mult));
    }

    /** Prometheus-style rendering of a duration ({@code 1h30m}, {@code 500ms}), used by the printer. */
    public static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long n = nanos;
        if (n < 0) {
            sb.append('-');
            n = -n;
        }
        long[] units = {D, H, M, S, MS};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (n >= units[i]) {
                sb.append(n / units[i]).append(names[i]);
                n %= units[i];
            }
        }
        if (n > 0) {
            sb.append(n).append("ns");
        }
        return sb.toString();
    }
}
