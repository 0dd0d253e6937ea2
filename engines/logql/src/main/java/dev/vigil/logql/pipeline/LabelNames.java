package dev.vigil.logql.pipeline;

/** Turns a JSON or logfmt key into a label name as Loki does. */
final class LabelNames {
    private LabelNames() {
    }

    /**
     * Trims the key, replaces every character outside {@code [a-zA-Z0-9_]} with {@code _}, and, for a
     * name that starts a label, puts {@code _} before a leading digit.
     */
    static String sanitize(String key, boolean isPrefix) {
        String k = key.strip();
        if (k.isEmpty()) {
            return k;
        }
        StringBuilder sb = new StringBuilder(k.length() + 1);
        if (isPrefix && k.charAt(0) >= '0' && k.charAt(0) <= '9') {
            sb.append('_');
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
