package dev.vigil.logql.parser;

import dev.vigil.model.LabelMatcher;

import java.util.List;
import java.util.Optional;

/** One step of a log pipeline, in the order written. */
public sealed interface Stage {
    /** Kind of line filter. */
    enum LineFilterOp {
        CONTAINS("|="), NOT_CONTAINS("!="), MATCHES("|~"), NOT_MATCHES("!~");

        private final String symbol;

        LineFilterOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** True for the two negative filters. */
        public boolean negated() {
            return this == NOT_CONTAINS || this == NOT_MATCHES;
        }

        /** True for the two regex filters. */
        public boolean regex() {
            return this == MATCHES || this == NOT_MATCHES;
        }
    }

    /**
     * {@code |= "a" or "b"}: a positive filter keeps a line matching any alternative, a negative one
     * drops a line matching any alternative.
     */
    record LineFilter(LineFilterOp op, List<String> alternatives) implements Stage {
        public LineFilter {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** {@code label="expression"} parameter of json and logfmt. */
    record Extraction(String label, String expression) {
    }

    /** {@code | json} or {@code | json a="x.y", b="z[0]"}. */
    record Json(List<Extraction> params) implements Stage {
        public Json {
            params = List.copyOf(params);
        }
    }

    /** {@code | logfmt [--strict] [--keep-empty] [params]}. */
    record Logfmt(List<Extraction> params, boolean strict, boolean keepEmpty) implements Stage {
        public Logfmt {
            params = List.copyOf(params);
        }
    }

    /** {@code | regexp "(?P<name>...)"}. */
    record Regexp(String regex) implements Stage {
    }

    /** {@code | pattern "<ip> - <_> <status>"}. */
    record Pattern(String pattern) implements Stage {
    }

    /** {@code | unpack}: a JSON object of strings; {@code _entry} becomes the line. */
    record Unpack() implements Stage {
    }

    /** {@code | level="error" and status >= 400}. */
    record LabelFilter(LabelFilterExpr filter) implements Stage {
    }

    /** {@code | line_format "{{.msg}}"}. */
    record LineFormat(String template) implements Stage {
    }

    /** {@code dst=src} (a rename) or {@code dst="template"}. */
    record LabelFormatItem(String dst, boolean rename, String value) {
    }

    /** {@code | label_format a=b, c="{{.d}}"}. */
    record LabelFormat(List<LabelFormatItem> items) implements Stage {
        public LabelFormat {
            items = List.copyOf(items);
        }
    }

    /** A label name in drop/keep, optionally with a matcher that must hold for it to apply. */
    record LabelSpec(String name, Optional<LabelMatcher> matcher) {
    }

    /** {@code | drop a, b="x"}. */
    record Drop(List<LabelSpec> labels) implements Stage {
        public Drop {
            labels = List.copyOf(labels);
        }
    }

    /** {@code | keep a, b="x"}. */
    record Keep(List<LabelSpec> labels) implements Stage {
        public Keep {
            labels = List.copyOf(labels);
        }
    }

    /** {@code | decolorize}: strips ANSI color sequences from the line. */
    record Decolorize() implements Stage {
    }
}
