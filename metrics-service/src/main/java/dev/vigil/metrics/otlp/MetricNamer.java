package dev.vigil.metrics.otlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OTLP metric name and unit to a Prometheus metric name, following the OpenTelemetry-to-Prometheus
 * compatibility rules as Prometheus's OTLP receiver applies them (with suffixes, no UTF-8):
 * the name is split on every character outside {@code [a-zA-Z0-9:]} and rejoined with {@code _};
 * the UCUM unit becomes a suffix ({@code s} → {@code _seconds}, {@code By/s} →
 * {@code _bytes_per_second}; units in braces are annotations and dropped); counters end in
 * {@code _total}; gauges of unit {@code 1} end in {@code _ratio}; a leading digit gains {@code _}.
 */
public final class MetricNamer {
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("d", "days"), Map.entry("h", "hours"), Map.entry("min", "minutes"),
            Map.entry("s", "seconds"), Map.entry("ms", "milliseconds"), Map.entry("us", "microseconds"),
            Map.entry("ns", "nanoseconds"),
            Map.entry("By", "bytes"), Map.entry("KiBy", "kibibytes"), Map.entry("MiBy", "mebibytes"),
            Map.entry("GiBy", "gibibytes"), Map.entry("TiBy", "tibibytes"), Map.entry("KBy", "kilobytes"),
            Map.entry("MBy", "megabytes"), Map.entry("GBy", "gigabytes"), Map.entry("TBy", "terabytes"),
            Map.entry("m", "meters"), Map.entry("V", "volts"), Map.entry("A", "amperes"),
            Map.entry("J", "joules"), Map.entry("W", "watts"), Map.entry("g", "grams"),
            Map.entry("Cel", "celsius"), Map.entry("Hz", "hertz"), Map.entry("1", ""), Map.entry("%", "percent"));
    private static final Map<String, String> PER_UNITS = Map.of(
            "s", "second", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo", "month", "y", "year");

    private MetricNamer() {
    }

    /** The Prometheus name, or empty when nothing usable is left of the OTLP name. */
    public static Optional<String> name(String otlpName, String unit, MetricKind kind) {
        List<String> tokens = tokens(otlpName);
        String[] unitParts = unit.split("/", 2);
        String main = unitSuffix(unitParts[0], UNITS);
        String per = unitParts.length > 1 ? unitSuffix(unitParts[1], PER_UNITS) : "";
        if (!main.isEmpty() && !tokens.contains(main)) {
            tokens.add(main);
        }
        if (!per.isEmpty() && !tokens.contains("per_" + per)) {
            tokens.add("per_" + per);
        }
        if (kind == MetricKind.MONOTONIC_COUNTER) {
            tokens.remove("total");
            tokens.add("total");
        }
        // Only gauges: some receivers wrongly give counters of objects the unit "1".
        if (unit.equals("1") && kind == MetricKind.GAUGE) {
            tokens.remove("ratio");
            tokens.add("ratio");
        }
        String name = String.join("_", tokens);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Character.isDigit(name.charAt(0)) ? "_" + name : name);
    }

    /** The Prometheus suffix of one side of a UCUM unit; "" for none, an annotation or an unknown blank. */
    private static String unitSuffix(String ucum, Map<String, String> known) {
        String u = ucum.trim();
        if (u.isEmpty() || u.contains("{") || u.contains("}")) {
            return "";
        }
        return clean(known.getOrDefault(u, u));
    }

    /** Invalid characters to {@code _}, runs of {@code _} to one, no leading or trailing {@code _}. */
    private static String clean(String unit) {
        StringBuilder b = new StringBuilder(unit.length());
        unit.codePoints().forEach(c -> {
            boolean ok = validNameChar(c);
            if (ok || b.isEmpty() || b.charAt(b.length() - 1) != '_') {
                b.append(ok ? (char) c : '_');
            }
        });
        int start = 0;
        int end = b.length();
        while (start < end && b.charAt(start) == '_') {
            start++;
        }
        while (end > start && b.charAt(end - 1) == '_') {
            end--;
        }
        return b.substring(start, end);
    }

    private static List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (validNameChar(c)) {
                cur.append((char) c);
            } else if (!cur.isEmpty()) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        });
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static boolean validNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':';
    }
}
