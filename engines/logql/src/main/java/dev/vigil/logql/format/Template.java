package dev.vigil.logql.format;

import dev.vigil.gotemplate.TemplateException;
import dev.vigil.gotemplate.GoFormat;
import dev.vigil.gotemplate.TemplateFunction;
import dev.vigil.gotemplate.TemplateSet;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code line_format} / {@code label_format} template: Go's text/template (engines/gotemplate)
 * with Loki's functions ({@link LokiFunctions}), the entry's labels as dot and missing labels
 * reading as "" (Loki runs templates with {@code missingkey=zero}). Variables, {@code range},
 * {@code with} and {@code define}/{@code template}/{@code block} are refused when parsed: LogQL
 * here supports fields, pipelines, parentheses, {@code if} and comments (module README).
 */
public final class Template {
    private static final String NAME = "line";
    private static final Map<String, TemplateFunction> FUNCTIONS = LokiFunctions.all();
    private static final Set<String> UNSUPPORTED = Set.of("range", "with", "define", "template", "block", "$");

    private final TemplateSet set;

    private Template(TemplateSet set) {
        this.set = set;
    }

    /** Parses {@code text}; throws {@link TemplateFormatException} with the reason when it is not a valid template. */
    public static Template parse(String text) {
        TemplateSet set = new TemplateSet(FUNCTIONS, Template::print);
        try {
            for (String keyword : set.check(NAME, text)) {
                if (UNSUPPORTED.contains(keyword)) {
                    String what = keyword.equals("$") ? "variables" : "\"" + keyword + "\"";
                    throw new TemplateFormatException("template: " + what + " is not supported in LogQL templates");
                }
            }
            return new Template(set.add(NAME, text));
        } catch (TemplateException e) {
            throw new TemplateFormatException(e.getMessage());
        }
    }

    /** Renders with {@code data}; throws {@link TemplateFormatException} when a function fails on these values. */
    public String render(TemplateData data) {
        Map<String, TemplateFunction> entry = Map.of(
                LokiFunctions.LINE, args -> noArgs(LokiFunctions.LINE, args, data.line()),
                LokiFunctions.TIMESTAMP, args -> noArgs(LokiFunctions.TIMESTAMP, args, LokiFunctions.time(data.timestampNanos())));
        try {
            return set.execute(NAME, data.labels(), entry);
        } catch (TemplateException e) {
            throw new TemplateFormatException(e.getMessage());
        }
    }

    private static Object noArgs(String name, List<Object> args, Object value) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("wrong number of args for " + name + ": want 0 got " + args.size());
        }
        return value;
    }

    /**
     * A value as LogQL templates print it: Go's {@code fmt.Sprint}, except that nil prints as ""
     * and a float between 1e-4 and 1e21 is written without an exponent, as Vigil's LogQL always
     * has (Go would print {@code 1e+08}).
     */
    static String print(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            double a = Math.abs(d);
            if (a == 0 || (a >= 1e-4 && a < 1e21)) {
                String plain = new BigDecimal(Double.toString(a)).stripTrailingZeros().toPlainString();
                return (d < 0 ? "-" : "") + plain;
            }
        }
        return GoFormat.print(v);
    }
}
