package dev.vigil.promql.script;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import dev.vigil.promql.parser.Durations;
import dev.vigil.promql.parser.Parser;
import dev.vigil.promql.parser.VectorSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PromQL test-file format of Prometheus's promql/test.go, plus Vigil's additions:
 * {@code eval range from <t> to <t> step <d> <expr>} and an {@code expect_fail <message>} line after
 * {@code eval_fail} that the error message must contain.
 */
final class ScriptParser {
    private static final Pattern LOAD = Pattern.compile("^load\\s+(\\S+)$");
    private static final Pattern INSTANT = Pattern.compile("^(eval|eval_fail|eval_ordered)\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
    private static final Pattern RANGE = Pattern.compile(
            "^(eval|eval_fail)\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");

    private ScriptParser() {
    }

    static List<ScriptCommand> parse(String file, String text) {
        String[] lines = text.split("\n", -1);
        List<ScriptCommand> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = stripComment(lines[i]).trim();
            int lineNo = i + 1;
            i++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("clear")) {
                out.add(new ScriptCommand.Clear());
                continue;
            }
            Matcher m = LOAD.matcher(line);
            if (m.matches()) {
                List<ScriptCommand.SeriesLine> series = new ArrayList<>();
                while (i < lines.length && isBody(lines[i])) {
                    String body = stripComment(lines[i]).trim();
                    i++;
                    if (!body.isEmpty()) {
                        series.add(seriesLine(body));
                    }
                }
                out.add(new ScriptCommand.Load(Durations.parse(m.group(1)), series));
                continue;
            }
            Matcher in = INSTANT.matcher(line);
            Matcher rg = RANGE.matcher(line);
            if (in.matches() || rg.matches()) {
                boolean range = rg.matches();
                Matcher mm = range ? rg : in;
                String kind = mm.group(1);
                List<ScriptCommand.SeriesLine> expected = new ArrayList<>();
                String failMessage = "";
                while (i < lines.length && isBody(lines[i])) {
                    String body = lines[i].trim();
                    i++;
                    if (body.startsWith("expect_fail ")) {
                        failMessage = body.substring("expect_fail ".length()).trim();
                        continue;
                    }
                    expected.add(seriesLine(body));
                }
                if (range) {
                    out.add(new ScriptCommand.Eval(file, lineNo, mm.group(5), true, time(mm.group(2)), time(mm.group(3)),
                            Durations.parse(mm.group(4)), kind.equals("eval_fail"), false, failMessage, expected));
                } else {
                    long t = time(mm.group(2));
                    out.add(new ScriptCommand.Eval(file, lineNo, mm.group(3), false, t, t, 0,
                            kind.equals("eval_fail"), kind.equals("eval_ordered"), failMessage, expected));
                }
                continue;
            }
            throw new IllegalArgumentException(file + ":" + lineNo + ": cannot read line: " + line);
        }
        return out;
    }

    private static long time(String s) {
        return Durations.parse(s);
    }

    /** As in Prometheus's harness, a block runs until a blank or comment line. */
    private static boolean isBody(String line) {
        String t = line.trim();
        return !t.isEmpty() && !t.startsWith("#");
    }

    private static String stripComment(String line) {
        return line.trim().startsWith("#") ? "" : line;
    }

    static ScriptCommand.SeriesLine seriesLine(String body) {
        String desc;
        String values;
        int brace = body.indexOf('{');
        int space = indexOfSpace(body);
        if (brace >= 0 && (space < 0 || brace < space)) {
            int close = closingBrace(body, brace);
            desc = body.substring(0, close + 1);
            values = body.substring(close + 1);
        } else if (space < 0) {
            return new ScriptCommand.SeriesLine(Labels.EMPTY, true, SeriesValues.parse(body));
        } else {
            desc = body.substring(0, space);
            values = body.substring(space);
        }
        if (!desc.contains("{") && isNumberish(desc)) {
            return new ScriptCommand.SeriesLine(Labels.EMPTY, true, SeriesValues.parse(body));
        }
        return new ScriptCommand.SeriesLine(labels(desc), false, SeriesValues.parse(values));
    }

    private static boolean isNumberish(String s) {
        try {
            SeriesValues.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int indexOfSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    private static int closingBrace(String s, int open) {
        boolean inString = false;
        char quote = 0;
        for (int k = open + 1; k < s.length(); k++) {
            char c = s.charAt(k);
            if (inString) {
                if (c == '\\') {
                    k++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                inString = true;
                quote = c;
            } else if (c == '}') {
                return k;
            }
        }
        throw new IllegalArgumentException("unclosed brace in " + s);
    }

    private static Labels labels(String desc) {
        if (desc.replaceAll("\\s", "").equals("{}")) {
            return Labels.EMPTY;
        }
        VectorSelector vs = Parser.parseSelector(desc);
        Labels.Builder b = Labels.builder();
        for (LabelMatcher m : vs.matchers()) {
            if (m.type() != MatchType.EQUAL) {
                throw new IllegalArgumentException("series description may only use =: " + desc);
            }
            b.set(m.name(), m.value());
        }
        return b.build();
    }
}
