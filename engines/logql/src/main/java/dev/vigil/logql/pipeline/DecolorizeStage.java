package dev.vigil.logql.pipeline;

import java.util.regex.Pattern;

/** {@code | decolorize}: removes ANSI escape sequences (colors, cursor movement) from the line. */
final class DecolorizeStage implements PipelineStage {
    private static final Pattern ANSI = Pattern.compile(
            "[\\u001B\\u009B][\\[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\\u0007)"
                    + "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))");

    @Override
    public boolean process(LogLine entry) {
        String line = entry.line();
        if (line.indexOf('\u001B') >= 0 || line.indexOf('\u009B') >= 0) {
            entry.line(ANSI.matcher(line).replaceAll(""));
        }
        return true;
    }
}
