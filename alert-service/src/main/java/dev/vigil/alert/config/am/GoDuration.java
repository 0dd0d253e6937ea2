package dev.vigil.alert.config.am;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} ({@code 1m30s}, {@code 1.5h}, {@code 500ms}), which some integrations' settings use. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException with Go's message for text that is not a duration */
    public static Duration parse(String s) {
        String text = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(text);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < text.length() && m.find(at) && m.start() == at) {
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L; // micro sign and Greek mu, as Go takes both
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            String number = m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1);
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
            at = m.end();
        }
        if (at != text.length() || text.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration \"" + s + "\"");
        }
        long exact;
        try {
            exact = nanos.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time: invalid duration \"" + s + "\""); // over Go's 292 years
        }
        Duration d = Duration.ofNanos(exact);
        return s.startsWith("-") ? d.negated() : d;
    }
}
