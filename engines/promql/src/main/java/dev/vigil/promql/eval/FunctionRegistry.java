package dev.vigil.promql.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every function implementation, keyed by name; each family registers its own. */
final class FunctionRegistry {
    private static final Map<String, FunctionImpl> FUNCTIONS = new HashMap<>();

    static {
        MathFunctions.register(FUNCTIONS);
        DateFunctions.register(FUNCTIONS);
        RateFunctions.register(FUNCTIONS);
        OverTimeFunctions.register(FUNCTIONS);
        LabelFunctions.register(FUNCTIONS);
        HistogramFunctions.register(FUNCTIONS);
        VectorFunctions.register(FUNCTIONS);
    }

    private FunctionRegistry() {
    }

    static Optional<FunctionImpl> get(String name) {
        return Optional.ofNullable(FUNCTIONS.get(name));
    }
}
