package dev.vigil.alert.config.am;

import java.util.Objects;

/**
 * A configuration value that must never appear in logs: passwords, tokens and webhook URLs that
 * embed credentials. {@link #toString()} is redacted; only {@link #value()} reveals the content,
 * and only code that sends it over the wire should call it.
 */
public final class Secret {
    private static final String REDACTED = "<secret>";
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** Wraps a plain value. */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret content, for the wire only. */
    public String value() {
        return value;
    }

    /** True when no value was configured. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : REDACTED;
    }
}
