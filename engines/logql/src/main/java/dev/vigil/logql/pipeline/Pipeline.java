package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.LabelFilterExpr;
import dev.vigil.logql.parser.Stage;
import dev.vigil.logql.storage.LinePredicate;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled log pipeline: the stages of a {@code LogSelectorExpr} turned into
 * {@link PipelineStage}s once per query, then run on every entry.
 */
public final class Pipeline {
    private final PipelineStage[] stages;
    private final LinePredicate pushdown;

    private Pipeline(List<PipelineStage> stages, LinePredicate pushdown) {
        this.stages = stages.toArray(new PipelineStage[0]);
        this.pushdown = pushdown;
    }

    /** Compiles the stages; templates and regexes were already checked by the parser. */
    public static Pipeline compile(List<Stage> stages) {
        List<PipelineStage> out = new ArrayList<>();
        List<LinePredicate.Term> leading = new ArrayList<>();
        boolean onlyFiltersSoFar = true;
        for (Stage s : stages) {
            PipelineStage p = compile(s);
            if (onlyFiltersSoFar && p instanceof LineFilterStage lf) {
                leading.add(lf.term());
            } else {
                onlyFiltersSoFar = false;
            }
            out.add(p);
        }
        return new Pipeline(out, LinePredicate.of(leading));
    }

    private static PipelineStage compile(Stage s) {
        if (s instanceof Stage.LineFilter f) {
            return new LineFilterStage(f);
        }
        if (s instanceof Stage.Json j) {
            return new JsonParserStage(j);
        }
        if (s instanceof Stage.Logfmt l) {
            return new LogfmtParserStage(l);
        }
        if (s instanceof Stage.Regexp r) {
            return new RegexpParserStage(r.regex());
        }
        if (s instanceof Stage.Pattern p) {
            return new PatternParserStage(p.pattern());
        }
        if (s instanceof Stage.Unpack) {
            return new UnpackStage();
        }
        if (s instanceof Stage.LabelFilter l) {
            return new LabelFilterStage(l.filter());
        }
        if (s instanceof Stage.LineFormat l) {
            return new LineFormatStage(l.template());
        }
        if (s instanceof Stage.LabelFormat l) {
            return new LabelFormatStage(l);
        }
        if (s instanceof Stage.Drop d) {
            return new DropStage(d.labels());
        }
        if (s instanceof Stage.Keep k) {
            return new KeepStage(k.labels());
        }
        return new DecolorizeStage();
    }

    /** The leading line filters, for the store to apply while scanning; accepts all when there are none. */
    public LinePredicate pushdown() {
        return pushdown;
    }

    /** Runs every stage on {@code entry}; false when a stage drops it. */
    public boolean process(LogLine entry) {
        for (PipelineStage s : stages) {
            if (!s.process(entry)) {
                return false;
            }
        }
        return true;
    }

    /** Runs post-unwrap label filters (they see the sample extraction error). */
    public static boolean filter(List<LabelFilterExpr> filters, LabelsBuilder labels) {
        for (LabelFilterExpr f : filters) {
            if (!LabelFilterStage.test(f, labels)) {
                return false;
            }
        }
        return true;
    }
}
