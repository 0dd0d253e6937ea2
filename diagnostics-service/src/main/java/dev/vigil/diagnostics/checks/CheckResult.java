package dev.vigil.diagnostics.checks;

import dev.vigil.model.json.DiagnosticsResult.Status;

import java.util.List;

/**
 * A check's outcome: the status, a message that says what is wrong and what to do, and the
 * objects it is about ({@code Kind namespace/name} or node names), empty when it passed.
 */
public record CheckResult(String check, Status status, String message, List<String> subjects) {
    public CheckResult {
        subjects = List.copyOf(subjects);
    }

    public static CheckResult passed(String check, String message) {
        return new CheckResult(check, Status.PASSED, message, List.of());
    }

    public static CheckResult skipped(String check, String message) {
        return new CheckResult(check, Status.SKIPPED, message, List.of());
    }
}
