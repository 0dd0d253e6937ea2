package dev.vigil.model.otlp;

import java.util.Optional;

/**
 * OTLP attribute keys to Prometheus label names, as Prometheus's OTLP receiver does without UTF-8
 * names (and Loki, through Prometheus's OTLP translator, for stream labels): every character outside {@code [a-zA-Z0-9_]} becomes {@code _}, a leading digit gains a
 * {@code key_} prefix and a single leading underscore a {@code key} prefix ({@code __} names are
 * reserved and kept).
 */
public final class LabelNamer {
    private LabelNamer() {
    }

    /** The label name, or empty when the key is empty or sanitizes to underscores only. */
    public static Optional<String> name(String key) {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(key.length());
        key.codePoints().forEach(c -> b.append(valid(c) ? (char) c : '_'));
        String name = b.toString();
        if (Character.isDigit(name.charAt(0))) {
            name = "key_" + name;
        } else if (name.startsWith("_") && !name.startsWith("__")) {
            name = "key" + name;
        }
        if (!name.equals(key) && name.chars().allMatch(c -> c == '_')) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static boolean valid(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
