package dev.vigil.diagnostics.runs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sonobuoy's progress update, the JSON a plugin posts to {@code http://localhost:$SONOBUOY_PROGRESS_PORT/progress}
 * while it runs (the e2e image does from Kubernetes 1.17): absolute {@code total}/{@code completed}
 * and failures, or, with the {@code append*} fields, increments to add to the last update.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProgressUpdate(@JsonProperty("name") String plugin, String node, String timestamp, String msg,
                             long total, long completed, List<String> errors, List<String> failures,
                             @JsonProperty("appendtotals") boolean appendTotals,
                             @JsonProperty("appendcompleted") long appendCompleted,
                             @JsonProperty("appendfailing") List<String> appendFailing) {
    public ProgressUpdate {
        errors = errors == null ? List.of() : List.copyOf(errors);
        failures = failures == null ? List.of() : List.copyOf(failures);
        appendFailing = appendFailing == null ? List.of() : List.copyOf(appendFailing);
    }

    /** Stamped by the receiver: the plugin and node come from where it was posted, as Sonobuoy's aggregator does. */
    public ProgressUpdate stamped(String plugin, String node, String timestamp) {
        return new ProgressUpdate(plugin, node, timestamp, msg, total, completed, errors, failures, appendTotals, appendCompleted, appendFailing);
    }

    boolean appending() {
        return appendTotals || appendCompleted > 0 || !appendFailing.isEmpty();
    }

    /**
     * The update after {@code next}, by Sonobuoy's rules: an absolute update replaces; an appending
     * one adds to an absolute one (to its total too with {@code appendtotals}); two appending ones
     * merge into one appending update.
     */
    public static ProgressUpdate combine(ProgressUpdate last, ProgressUpdate next) {
        if (last == null || !next.appending()) {
            return next;
        }
        if (!last.appending()) {
            long total = last.total + (next.appendTotals ? next.appendCompleted + next.appendFailing.size() : 0);
            List<String> failures = new ArrayList<>(last.failures);
            failures.addAll(next.appendFailing);
            return new ProgressUpdate(next.plugin, next.node, next.timestamp, next.msg, total, last.completed + next.appendCompleted,
                    last.errors, failures, false, 0, List.of());
        }
        List<String> failing = new ArrayList<>(last.appendFailing);
        failing.addAll(next.appendFailing);
        return new ProgressUpdate(next.plugin, next.node, next.timestamp, next.msg, last.total, last.completed, last.errors, last.failures,
                next.appendTotals, last.appendCompleted + next.appendCompleted, failing);
    }

    /** As {@code sonobuoy status} prints it: {@code Passed:  3, Failed:  1, Remaining:  6} (no Remaining when the total is unknown). */
    public String summary() {
        String s = String.format(Locale.ROOT, "Passed:%3d, Failed:%3d", completed, failures.size());
        long remaining = total - completed - failures.size();
        return remaining >= 0 ? s + String.format(Locale.ROOT, ", Remaining:%3d", remaining) : s;
    }
}
