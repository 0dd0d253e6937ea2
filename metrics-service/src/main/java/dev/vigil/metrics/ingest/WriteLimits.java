package dev.vigil.metrics.ingest;

import dev.vigil.model.Labels;
import dev.vigil.model.tenant.Tenants;

import java.time.Instant;

/**
 * What one remote-written series may be, checked before the request is acknowledged: bounds on
 * its labels (settings {@code vigil.metrics.remote-write.max-label-*}), so that one runaway label
 * cannot bloat every index, and no sample older than the stores still accept
 * ({@code minTimestampMs}), which they would only drop after a 204. A series beyond them fails the
 * request with 400, as Prometheus answers "out of bounds".
 */
record WriteLimits(int maxNames, int maxNameLength, int maxValueLength, long minTimestampMs) {
    static final WriteLimits NONE = new WriteLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE);

    /** These limits, accepting samples from {@code minTimestampMs} on. */
    WriteLimits since(long minTimestampMs) {
        return new WriteLimits(maxNames, maxNameLength, maxValueLength, minTimestampMs);
    }

    /** Why {@code labels} break a limit, or null when they do not. */
    String violation(Labels labels) {
        if (labels.size() > maxNames) {
            return "series has " + labels.size() + " labels, over the limit of " + maxNames
                    + " (vigil.metrics.remote-write.max-label-names-per-series): " + abbreviate(labels.toString());
        }
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            if (name.equals(Tenants.LABEL)) {
                return "label name " + Tenants.LABEL + " is reserved: the tenant is the one " + Tenants.HEADER + " names";
            }
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

    /** Why a sample at {@code timestampMs} of {@code labels} cannot be stored, or null when it can. */
    String tooOld(Labels labels, long timestampMs) {
        if (timestampMs >= minTimestampMs) {
            return null;
        }
        return "out of bounds: a sample of " + abbreviate(labels.toString()) + " at " + Instant.ofEpochMilli(timestampMs)
                + " is older than the stores accept (" + Instant.ofEpochMilli(minTimestampMs)
                + ": vigil.metrics.storage.retention and downsample-age)";
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…(truncated)";
    }
}
