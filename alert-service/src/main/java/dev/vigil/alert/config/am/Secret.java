package dev.vigil.alert.config.am;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A configuration value that must never appear in logs: passwords, tokens and webhook URLs that
 * embed credentials. {@link #toString()} is redacted; only {@link #value()} reveals the content,
 * and only code that sends it over the wire should call it.
 */
public final class Secret {
    private static final String REDACTED = "<secret>";
    private final String value;
    /** For a {@code *_file} secret: the file, read each time the value is needed (null for an inline one). */
    private final Path file;

    private Secret(String value, Path file) {
        this.value = Objects.requireNonNull(value);
        this.file = file;
    }

    /** Wraps a plain value. */
    public static Secret of(String value) {
        return new Secret(value, null);
    }

    /**
     * A secret kept in a file ({@code *_file}), read when it is sent, as Alertmanager does: a
     * rotated Secret takes effect without a reload, and a file that is missing fails that
     * notification, not the configuration.
     */
    public static Secret fromFile(Path file) {
        return new Secret("", Objects.requireNonNull(file));
    }

    /**
     * The secret content, for the wire only: a file's content without surrounding white space.
     *
     * @throws IllegalStateException naming the file (never its content) when it cannot be read
     */
    public String value() {
        if (file == null) {
            return value;
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** The file a {@code *_file} secret is read from. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** True when no value was configured. */
    public boolean isEmpty() {
        return file == null && value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value) && Objects.equals(s.file, file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, file);
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : REDACTED;
    }
}
