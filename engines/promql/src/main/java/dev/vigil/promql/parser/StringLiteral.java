package dev.vigil.promql.parser;

/** A string literal, already unquoted. */
public record StringLiteral(String value) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
