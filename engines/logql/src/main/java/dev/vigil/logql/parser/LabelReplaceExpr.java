package dev.vigil.logql.parser;

/** {@code label_replace(v, dst, replacement, src, regex)} as in PromQL. */
public record LabelReplaceExpr(SampleExpr inner, String dst, String replacement, String src, String regex)
        implements SampleExpr {
    @Override
    public String toString() {
        return Printer.print(this);
    }
}
