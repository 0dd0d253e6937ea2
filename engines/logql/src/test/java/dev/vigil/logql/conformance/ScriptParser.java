package dev.vigil.logql.conformance;

import dev.vigil.logql.Direction;
import dev.vigil.logql.parser.Lexer;
import dev.vigil.logql.parser.Token;
import dev.vigil.logql.parser.TokenType;
import dev.vigil.logql.parser.Units;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a LogQL conformance script (format in src/test/resources/logql/README.md) into commands.
 */
final class ScriptParser {
    /** A stream's entries loaded by a {@code load} block. */
    record Load(Labels stream, List<LogEntry> entries) {
    }

    /** What an eval expects; exactly one of the lists is used, by kind. */
    record Eval(String kind, boolean ordered, boolean fail, String query, long start, long end, long step,
                int limit, Direction direction, List<ExpectedSeries> series, List<ExpectedStream> streams,
                String errorFragment, int line, List<Load> data) {
    }

    /** Expected labels and one value per step ({@code null} for a step without a value). */
    record ExpectedSeries(Labels labels, List<Double> values) {
    }

    /** Expected stream of a log query. */
    record ExpectedStream(Labels labels, List<LogEntry> entries) {
    }

    private static final Pattern INSTANT = Pattern.compile("at\\s+(\\S+)\\s+(.+)");
    private static final Pattern RANGE = Pattern.compile("from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)");
    private static final Pattern LOGS = Pattern.compile("from\\s+(\\S+)\\s+to\\s+(\\S+)((?:\\s+limit\\s+\\d+|\\s+backward|\\s+forward)*)\\s+(\\{.+)");
    private static final Pattern REPEAT = Pattern.compile("(\\S+)\\+(\\S+)x(\\d+)");

    private ScriptParser() {
    }

    static List<Eval> parse(String text) {
        String[] lines = text.split("\n", -1);
        List<Eval> evals = new ArrayList<>();
        List<Load> data = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String raw = lines[i];
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                i++;
                continue;
            }
            if (l.equals("load")) {
                i++;
                while (i < lines.length && isIndented(lines[i])) {
                    String b = lines[i].strip();
                    if (!b.isEmpty() && !b.startsWith("#")) {
                        data.add(loadLine(b, i + 1));
                    }
                    i++;
                }
                continue;
            }
            if (l.equals("clear")) {
                data = new ArrayList<>();
                i++;
                continue;
            }
            if (!l.startsWith("eval")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown command: " + l);
            }
            int evalLine = i + 1;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.length && isIndented(lines[i])) {
                String b = lines[i].strip();
                if (!b.isEmpty() && !b.startsWith("#")) {
                    body.add(b);
                }
                i++;
            }
            evals.add(eval(l, body, evalLine, List.copyOf(data)));
        }
        return evals;
    }

    private static boolean isIndented(String line) {
        return !line.isBlank() && (line.startsWith(" ") || line.startsWith("\t"));
    }

    private static Eval eval(String head, List<String> body, int line, List<Load> data) {
        String[] w = head.split("\\s+", 2);
        boolean fail = w[0].equals("eval_fail");
        boolean ordered = w[0].equals("eval_ordered");
        String rest = w.length > 1 ? w[1] : "";
        String kind;
        long start = 0;
        long end = 0;
        long step = 0;
        int limit = 100;
        Direction dir = Direction.FORWARD;
        String query;
        if (rest.startsWith("instant ")) {
            Matcher m = INSTANT.matcher(rest.substring(8));
            require(m.matches(), line, "eval instant at <time> <query>");
            kind = "instant";
            start = time(m.group(1));
            end = start;
            query = m.group(2);
        } else if (rest.startsWith("range ")) {
            Matcher m = RANGE.matcher(rest.substring(6));
            require(m.matches(), line, "eval range from <t> to <t> step <d> <query>");
            kind = "range";
            start = time(m.group(1));
            end = time(m.group(2));
            step = time(m.group(3));
            query = m.group(4);
        } else if (rest.startsWith("logs ")) {
            Matcher m = LOGS.matcher(rest.substring(5));
            require(m.matches(), line, "eval logs from <t> to <t> [limit N] [backward] <query>");
            kind = "logs";
            start = time(m.group(1));
            end = time(m.group(2));
            String opts = m.group(3);
            Matcher lm = Pattern.compile("limit\\s+(\\d+)").matcher(opts);
            if (lm.find()) {
                limit = Integer.parseInt(lm.group(1));
            }
            if (opts.contains("backward")) {
                dir = Direction.BACKWARD;
            }
            query = m.group(4);
        } else {
            require(fail, line, "eval instant|range|logs ...");
            kind = "parse";
            query = rest;
        }
        if (fail) {
            require(body.size() == 1, line, "eval_fail needs one line with the expected error fragment");
            return new Eval(kind, false, true, query, start, end, step, limit, dir, List.of(), List.of(), body.get(0), line, data);
        }
        List<ExpectedSeries> series = new ArrayList<>();
        List<ExpectedStream> streams = new ArrayList<>();
        if (kind.equals("logs")) {
            ExpectedStream cur = null;
            for (String b : body) {
                if (b.startsWith("{")) {
                    cur = new ExpectedStream(labels(b.substring(0, closingBrace(b) + 1)), new ArrayList<>());
                    streams.add(cur);
                } else {
                    require(cur != null, line, "an entry line needs a stream line before it");
                    int sp = b.indexOf(' ');
                    cur.entries().add(new LogEntry(time(b.substring(0, sp)), string(b.substring(sp + 1).strip())));
                }
            }
        } else {
            for (String b : body) {
                Labels labels = Labels.EMPTY;
                String values = b;
                if (b.startsWith("{")) {
                    int close = closingBrace(b);
                    labels = labels(b.substring(0, close + 1));
                    values = b.substring(close + 1).strip();
                }
                List<Double> vs = new ArrayList<>();
                for (String v : values.split("\\s+")) {
                    vs.add(v.equals("_") ? null : number(v));
                }
                series.add(new ExpectedSeries(labels, vs));
            }
        }
        return new Eval(kind, ordered, false, query, start, end, step, limit, dir, series, streams, "", line, data);
    }

    private static void require(boolean ok, int line, String what) {
        if (!ok) {
            throw new IllegalArgumentException("line " + line + ": expected " + what);
        }
    }

    private static Load loadLine(String l, int line) {
        int close = closingBrace(l);
        Labels stream = labels(l.substring(0, close + 1));
        String rest = l.substring(close + 1).strip();
        int sp = rest.indexOf(' ');
        String timeSpec = rest.substring(0, sp);
        rest = rest.substring(sp + 1).strip();
        Labels metadata = Labels.EMPTY;
        int meta = rest.lastIndexOf("| {");
        String lineText = rest;
        if (meta > 0 && rest.endsWith("}")) {
            metadata = labels(rest.substring(meta + 2));
            lineText = rest.substring(0, meta).strip();
        }
        String decoded = string(lineText);
        List<LogEntry> entries = new ArrayList<>();
        Matcher m = REPEAT.matcher(timeSpec);
        if (m.matches()) {
            long t0 = time(m.group(1));
            long dt = time(m.group(2));
            int n = Integer.parseInt(m.group(3));
            for (int k = 0; k <= n; k++) {
                entries.add(new LogEntry(t0 + k * dt, decoded.replace("$k", Integer.toString(k)), metadata));
            }
        } else {
            entries.add(new LogEntry(time(timeSpec), decoded, metadata));
        }
        return new Load(stream, entries);
    }

    static long time(String s) {
        if (s.matches("-?\\d+")) {
            return Long.parseLong(s) * 1_000_000_000L;
        }
        return Units.parseDuration(s).orElseThrow(() -> new IllegalArgumentException("bad time " + s));
    }

    private static double number(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    private static int closingBrace(String s) {
        boolean inQuote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && inQuote) {
                i++;
            } else if (c == '"') {
                inQuote = !inQuote;
            } else if (c == '}' && !inQuote) {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed { in " + s);
    }

    /** {@code {a="1", b="2"}} into labels, using the LogQL lexer for the quoted values. */
    static Labels labels(String s) {
        List<Token> toks = Lexer.tokenize(s);
        TreeMap<String, String> m = new TreeMap<>();
        int i = 1;
        while (toks.get(i).type() == TokenType.IDENTIFIER) {
            m.put(toks.get(i).text(), toks.get(i + 2).text());
            i += 3;
            if (toks.get(i).type() == TokenType.COMMA) {
                i++;
            }
        }
        return Labels.from(m);
    }

    private static String string(String quoted) {
        List<Token> toks = Lexer.tokenize(quoted);
        if (toks.size() != 2 || toks.get(0).type() != TokenType.STRING) {
            throw new IllegalArgumentException("expected one quoted string: " + quoted);
        }
        return toks.get(0).text();
    }
}
