package dev.vigil.promql.parser;

import java.util.List;

/**
 * A PromQL function's signature: argument types and the return type. {@code variadic} is 0 for a
 * fixed arity, {@code n > 0} when the last argument type may appear up to {@code n} extra times
 * (the last declared argument is then optional) and {@code -1} for any number of repetitions.
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
    public FunctionSignature {
        argTypes = List.copyOf(argTypes);
    }
}
