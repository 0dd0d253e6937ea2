package dev.vigil.promql.parser;

import java.util.List;

/** A function call, type-checked against its {@link FunctionSignature}. */
public record Call(FunctionSignature function, List<Expr> args) implements Expr {
    public Call {
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }
}
