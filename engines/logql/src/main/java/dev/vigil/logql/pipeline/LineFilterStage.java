package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.GoRegex;
import dev.vigil.logql.parser.Stage;
import dev.vigil.logql.storage.LinePredicate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code |= "a" or "b"}, {@code != ...}, {@code |~ ...}, {@code !~ ...}: substring and regex
 * filters on the line. A regex matches anywhere in the line (Loki does not anchor line filters).
 */
final class LineFilterStage implements PipelineStage, LinePredicate {
    private final boolean negated;
    private final List<String> literals;
    private final List<Pattern> patterns;

    LineFilterStage(Stage.LineFilter f) {
        this.negated = f.op().negated();
        if (f.op().regex()) {
            this.literals = List.of();
            this.patterns = f.alternatives().stream().map(r -> GoRegex.compile(r).pattern()).toList();
        } else {
            this.literals = f.alternatives();
            this.patterns = List.of();
        }
    }

    @Override
    public boolean test(String line) {
        boolean any = false;
        for (String s : literals) {
            if (line.contains(s)) {
                any = true;
                break;
            }
        }
        if (!any) {
            for (Pattern p : patterns) {
                if (p.matcher(line).find()) {
                    any = true;
                    break;
                }
            }
        }
        return any != negated;
    }

    @Override
    public boolean process(LogLine entry) {
        return test(entry.line());
    }
}
