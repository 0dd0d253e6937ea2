package dev.vigil.promql.parser;

import java.util.Locale;
import java.util.Optional;

/** The aggregation operators; those with a parameter take it as their first argument. */
public enum Aggregation {
    SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR,
    TOPK(ValueType.SCALAR), BOTTOMK(ValueType.SCALAR), QUANTILE(ValueType.SCALAR), COUNT_VALUES(ValueType.STRING);

    private final ValueType paramType;

    Aggregation() {
        this(null);
    }

    Aggregation(ValueType paramType) {
        this.paramType = paramType;
    }

    public boolean hasParam() {
        return paramType != null;
    }

    /** The parameter's type; only meaningful when {@link #hasParam()}. */
    public ValueType paramType() {
        return paramType == null ? ValueType.SCALAR : paramType;
    }

    /** The operator as written in PromQL. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Aggregation> byName(String name) {
        for (Aggregation a : values()) {
            if (a.keyword().equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
