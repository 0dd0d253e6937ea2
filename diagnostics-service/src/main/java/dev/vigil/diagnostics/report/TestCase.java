package dev.vigil.diagnostics.report;

import dev.vigil.model.json.DiagnosticsResult.Status;

/** One test case of a JUnit report: its name, outcome and the failure or skip message. */
public record TestCase(String name, Status status, String message) {
}
