package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Parses the Prometheus text format 0.0.4 and OpenMetrics 1.0 into flat samples: histogram and
 * summary series ({@code _bucket}, {@code _sum}, {@code _count}, quantiles) come out as the plain
 * series Prometheus stores, and exemplars are skipped.
 *
 * <p>Differences between the formats that this parser honours: OpenMetrics timestamps are in
 * seconds (converted exactly to milliseconds, truncating below a millisecond as Prometheus
 * does), text-format ones in milliseconds; OpenMetrics must end with {@code # EOF}, allows no
 * blank lines and no comments other than HELP, TYPE and UNIT; OpenMetrics {@code _created}
 * series of counters, histograms and summaries are dropped, as Prometheus drops them unless asked
 * to ingest created timestamps.
 */
public final class ExpositionParser {
    private static final Set<String> TEXT_TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final Set<String> OM_TYPES =
            Set.of("counter", "gauge", "histogram", "gaugehistogram", "stateset", "info", "summary", "unknown");
    private static final Set<String> HAS_CREATED = Set.of("counter", "histogram", "summary", "gaugehistogram");

        private final boolean om;
    private final List<ParsedSample> samples = new ArrayList<>();
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> helps = new HashMap<>();
    private final Map<String, String> units = new HashMap<>();

    private ExpositionParser(ExpositionFormat format) {
        this.om = format == ExpositionFormat.OPENMETRICS;
    }

    /** Parses a whole scrape body. */
    public static Exposition parse(String body, ExpositionFormat format) throws ExpositionParseException {
        return new ExpositionParser(format).run(body);
    }

    private Exposition run(String body) throws ExpositionParseException {
        int lineNo = 0;
        int start = 0;
        boolean eof = false;
        while (start < body.length()) {
            int nl = body.indexOf('\n', start);
            int end = nl < 0 ? body.length() : nl;
            String line = body.substring(start, end > start && body.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            lineNo++;
            if (eof) {
                throw new ExpositionParseException(lineNo, "content after '# EOF'; OpenMetrics must end there");
            }
            if (om && line.equals("# EOF")) {
                eof = true;
            } else if (line.isBlank()) {
                if (om) {
                    throw new ExpositionParseException(lineNo, "blank line; OpenMetrics allows none");
                }
            } else if (line.charAt(0) == '#') {
                metadata(new Cursor(line, lineNo));
            } else {
                sample(new Cursor(line, lineNo));
            }
        }
        if (om && !eof) {
            throw new ExpositionParseException(lineNo, "missing '# EOF' at the end of the OpenMetrics body");
        }
        Map<String, MetricMetadata> meta = new TreeMap<>();
        for (String name : union(types.keySet(), helps.keySet(), units.keySet())) {
            meta.put(name, new MetricMetadata(types.getOrDefault(name, "unknown"), helps.getOrDefault(name, ""),
                    units.getOrDefault(name, "")));
        }
        return new Exposition(samples, meta);
    }

    private void metadata(Cursor c) throws ExpositionParseException {
        c.pos = 1;
        if (!c.skipSpaces()) {
            if (om) {
                throw c.error("expected a space after '#'");
            }
            return;
        }
        String keyword = c.word();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE") && !(om && keyword.equals("UNIT"))) {
            if (om) {
                throw c.error("unknown comment '# " + keyword + "'; OpenMetrics allows HELP, TYPE, UNIT and EOF");
            }
            return; // an ordinary comment in the text format
        }
        if (!c.skipSpaces()) {
            throw c.error("expected a metric name after '# " + keyword + "'");
        }
        String name = c.metricName();
        boolean hasRest = c.skipSpaces();
        String rest = hasRest ? c.rest() : "";
        switch (keyword) {
            case "HELP" -> helps.put(name, unescapeHelp(rest));
            case "UNIT" -> units.put(name, rest);
            default -> {
                String type = rest.trim();
                if (!(om ? OM_TYPES : TEXT_TYPES).contains(type)) {
                    throw c.error("unknown metric type '" + type + "' for " + name + "; expected one of "
                            + new TreeSet<>(om ? OM_TYPES : TEXT_TYPES));
                }
                types.put(name, type);
            }
        }
    }

    private void sample(Cursor c) throws ExpositionParseException {
        Labels.Builder labels = Labels.builder();
        Set<String> seen = new HashSet<>();
        String name = "";
        boolean spaced = false;
        if (c.peek() != '{') {
            name = c.metricName();
            spaced = c.skipSpaces();
        }
        if (c.peek() == '{') {
            c.pos++;
            name = labelSet(c, labels, seen, name);
            spaced = c.skipSpaces();
        }
        if (name.isEmpty()) {
            throw c.error("sample has no metric name");
        }
        labels.set(Labels.METRIC_NAME, name);
        if (!spaced || c.atEnd()) {
            throw c.error("expected a space and a value after " + name);
        }
        double value = parseValue(c.token(), c);
        OptionalLong ts = OptionalLong.empty();
        if (c.skipSpaces() && !c.atEnd() && c.peek() != '#') {
            ts = OptionalLong.of(om ? secondsToMillis(c.token(), c) : millis(c.token(), c));
            c.skipSpaces();
        }
        if (!c.atEnd()) {
            if (om && c.peek() == '#') {
                exemplar(c);
            } else {
                throw c.error("unexpected '" + c.rest() + "' after the value of " + name);
            }
        }
        if (om && name.endsWith("_created") && HAS_CREATED.contains(types.getOrDefault(name.substring(0, name.length() - 8), ""))) {
            return;
        }
        samples.add(new ParsedSample(labels.build(), value, ts));
    }

    /** Reads labels up to and including '}'; a quoted string without '=' names the metric. */
    private String labelSet(Cursor c, Labels.Builder labels, Set<String> seen, String name) throws ExpositionParseException {
        String metric = name;
        while (true) {
            c.skipSpaces();
            if (c.atEnd()) {
                throw c.error("unterminated label set: missing '}'");
            }
            if (c.peek() == '}') {
                c.pos++;
                return metric;
            }
            String label;
            if (c.peek() == '"') {
                String quoted = c.quoted();
                c.skipSpaces();
                if (c.peek() != '=') {
                    if (!metric.isEmpty()) {
                        throw c.error("metric name given twice: '" + metric + "' and \"" + quoted + "\"");
                    }
                    metric = quoted;
                    separator(c);
                    continue;
                }
                label = quoted;
            } else {
                label = c.labelName();
                c.skipSpaces();
            }
            if (c.peek() != '=') {
                throw c.error("expected '=' after label name '" + label + "'");
            }
            c.pos++;
            c.skipSpaces();
            if (c.peek() != '"') {
                throw c.error("expected '\"' to start the value of label '" + label + "'");
            }
            String value = c.quoted();
            if (label.equals(Labels.METRIC_NAME) || !seen.add(label)) {
                throw c.error("duplicate label '" + label + "'");
            }
            labels.set(label, value);
            separator(c);
        }
    }

    private static void separator(Cursor c) throws ExpositionParseException {
        c.skipSpaces();
        if (c.peek() == ',') {
            c.pos++;
        } else if (c.peek() != '}') {
            throw c.error("expected ',' or '}' in label set");
        }
    }

    /** {@code # {trace_id="..."} 1.0 [timestamp]}: checked for shape, then ignored. */
    private void exemplar(Cursor c) throws ExpositionParseException {
        c.pos++;
        if (!c.skipSpaces() || c.peek() != '{') {
            throw c.error("expected an exemplar '# {labels} value' after the sample");
        }
        c.pos++;
        labelSet(c, Labels.builder(), new HashSet<>(), "exemplar");
        if (!c.skipSpaces()) {
            throw c.error("expected a value after the exemplar labels");
        }
        parseValue(c.token(), c);
        if (c.skipSpaces() && !c.atEnd()) {
            secondsToMillis(c.token(), c);
        }
        if (!c.atEnd()) {
            throw c.error("unexpected '" + c.rest() + "' after the exemplar");
        }
    }

    static double parseValue(String token, Cursor c) throws ExpositionParseException {
        String t = token.toLowerCase(Locale.ROOT);
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals("nan")) {
            return Double.NaN;
        }
        if (!isDecimal(token)) {
            throw c.error("invalid value '" + token + "': expected a number, NaN, +Inf or -Inf");
        }
        return Double.parseDouble(token);
    }

    private static long millis(String token, Cursor c) throws ExpositionParseException {
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw c.error("invalid timestamp '" + token + "': expected integer milliseconds");
        }
    }

    private static long secondsToMillis(String token, Cursor c) throws ExpositionParseException {
        if (!isDecimal(token)) {
            throw c.error("invalid timestamp '" + token + "': expected seconds since the epoch");
        }
        try {
            return new BigDecimal(token).movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw c.error("timestamp '" + token + "' is out of range");
        }
    }

    /** Digits with an optional sign, point and exponent; Java's parseDouble alone would also take "1d" or "0x1p3". */
    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    private String unescapeHelp(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '\\' || next == 'n' || (om && next == '"')) {
                    out.append(next == 'n' ? '\n' : next);
                    i++;
                    continue;
                }
            }
            out.append(ch);
        }
        return out.toString();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> out = new TreeSet<>();
        for (Set<String> s : sets) {
            out.addAll(s);
        }
        return out;
    }

    /** A position in one line, with the helpers both formats share. */
    static final class Cursor {
        final String s;
        final int line;
        int pos;

        Cursor(String s, int line) {
            this.s = s;
            this.line = line;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        /** Skips spaces and tabs; true if there was at least one. */
        boolean skipSpaces() {
            int from = pos;
            while (!atEnd() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
            return pos > from;
        }

        String word() {
            int from = pos;
            while (!atEnd() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            return s.substring(from, pos);
        }

        String token() throws ExpositionParseException {
            String t = word();
            if (t.isEmpty()) {
                throw error("expected a value");
            }
            return t;
        }

        String rest() {
            String r = s.substring(pos);
            pos = s.length();
            return r;
        }

        String metricName() throws ExpositionParseException {
            int from = pos;
            while (!atEnd() && isNameChar(s.charAt(pos), pos == from, true)) {
                pos++;
            }
            if (pos == from) {
                throw error("expected a metric name, got '" + (atEnd() ? "end of line" : String.valueOf(peek())) + "'");
            }
            return s.substring(from, pos);
        }

        String labelName() throws ExpositionParseException {
            int from = pos;
            while (!atEnd() && isNameChar(s.charAt(pos), pos == from, false)) {
                pos++;
            }
            if (pos == from) {
                throw error("expected a label name, got '" + (atEnd() ? "end of line" : String.valueOf(peek())) + "'");
            }
            return s.substring(from, pos);
        }

        /** A double-quoted string with {@code \\}, {@code \"} and {@code \n} escapes; other escapes stay as written. */
        String quoted() throws ExpositionParseException {
            pos++;
            StringBuilder out = new StringBuilder();
            while (!atEnd()) {
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    return out.toString();
                }
                if (ch == '\\' && !atEnd()) {
                    char next = s.charAt(pos++);
                    switch (next) {
                        case '\\' -> out.append('\\');
                        case '"' -> out.append('"');
                        case 'n' -> out.append('\n');
                        default -> out.append('\\').append(next);
                    }
                } else {
                    out.append(ch);
                }
            }
            throw error("unterminated quoted string: missing '\"'");
        }

        ExpositionParseException error(String message) {
            return new ExpositionParseException(line, message + " (column " + (pos + 1) + ")");
        }

        private static boolean isNameChar(char ch, boolean first, boolean colonAllowed) {
            return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch == '_' || colonAllowed && ch == ':'
                    || !first && ch >= '0' && ch <= '9';
        }
    }
}
