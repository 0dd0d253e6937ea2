package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.LinePattern;

import java.util.List;

/**
 * {@code | pattern "<ip> - <_> [<ts>] <msg>"}: matched from the start of the line; each capture
 * takes the text up to the next literal, a trailing capture takes the rest. As in Loki, when a
 * literal is not found the captures made so far are still set.
 */
final class PatternParserStage implements PipelineStage {
    private final List<LinePattern.Part> parts;

    PatternParserStage(String pattern) {
        this.parts = LinePattern.parse(pattern).parts();
    }

    @Override
    public boolean process(LogLine entry) {
        String in = entry.line();
        if (in.isEmpty()) {
            return true;
        }
        int pos = 0;
        int p = 0;
        if (!parts.get(0).capture()) {
            String lit = parts.get(0).text();
            if (!in.startsWith(lit)) {
                return true;
            }
            pos = lit.length();
            p = 1;
        }
        while (p < parts.size()) {
            LinePattern.Part cap = parts.get(p);
            if (p == parts.size() - 1) {
                set(entry, cap, in.substring(pos));
                return true;
            }
            String lit = parts.get(p + 1).text();
            int idx = in.indexOf(lit, pos);
            if (idx < 0) {
                return true;
            }
            set(entry, cap, in.substring(pos, idx));
            pos = idx + lit.length();
            p += 2;
        }
        return true;
    }

    private static void set(LogLine entry, LinePattern.Part cap, String value) {
        if (!cap.text().equals("_")) {
            entry.labels().setExtracted(cap.text(), value);
        }
    }
}
