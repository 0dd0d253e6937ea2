package dev.vigil.promql.parser;

/** The four PromQL value types, named as Prometheus documents them in error messages. */
public enum ValueType {
    SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

    private final String documented;

    ValueType(String documented) {
        this.documented = documented;
    }

    public String documented() {
        return documented;
    }
}
