package dev.vigil.metrics.ingest;

import dev.vigil.model.Labels;

/**
 * Bounds on a remote-written series' labels (settings {@code vigil.metrics.remote-write.max-label-*}):
 * a series beyond them is refused with 400, so that one runaway label cannot bloat every index.
 */
record LabelLimits(int maxNames, int maxNameLength, int maxValueLength) {
    static final LabelLimits NONE = new LabelLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** Why {@code labels} break a limit, or null when they do not. */
    String violation(Labels labels) {
        if (labels.size() > maxNames) {
            return "series has " + labels.size() + " labels, over the limit of " + maxNames
                    + " (vigil.metrics.remote-write.max-label-names-per-series): " + abbreviate(labels.toString());
        }
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            if (name.length() > maxNameLength) {
                return "label name of " + name.length() + " characters, over the limit of " + maxNameLength
                        + " (vigil.metrics.remote-write.max-label-name-length): '" + abbreviate(name) + "'";
            }
            if (value.length() > maxValueLength) {
                return "label value of " + value.length() + " characters, over the limit of " + maxValueLength
                        + " (vigil.metrics.remote-write.max-label-value-length), label: '" + name + "', value: '"
                        + abbreviate(value) + "'";
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…(truncated)";
    }
}
