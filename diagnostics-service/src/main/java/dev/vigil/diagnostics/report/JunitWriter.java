package dev.vigil.diagnostics.report;

import dev.vigil.model.json.DiagnosticsResult.Status;

import java.util.List;

/**
 * Writes test cases as JUnit XML, one {@code <testsuite>} per call. Warnings count as passed with
 * the message in {@code <system-out>}, since JUnit has no warning outcome.
 */
public final class JunitWriter {
    private JunitWriter() {
    }

    /** A named suite of cases. */
    public record Suite(String name, List<TestCase> cases) {
    }

    public static String write(List<Suite> suites) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (Suite s : suites) {
            long failures = s.cases().stream().filter(c -> c.status() == Status.FAILED).count();
            long skipped = s.cases().stream().filter(c -> c.status() == Status.SKIPPED).count();
            sb.append("  <testsuite name=\"").append(escape(s.name())).append("\" tests=\"").append(s.cases().size())
                    .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped).append("\">\n");
            for (TestCase c : s.cases()) {
                sb.append("    <testcase name=\"").append(escape(c.name())).append("\" classname=\"").append(escape(s.name())).append('"');
                switch (c.status()) {
                    case FAILED -> sb.append(">\n      <failure message=\"").append(escape(c.message())).append("\"/>\n    </testcase>\n");
                    case SKIPPED -> sb.append(">\n      <skipped message=\"").append(escape(c.message())).append("\"/>\n    </testcase>\n");
                    case WARNING -> sb.append(">\n      <system-out>warning: ").append(escape(c.message())).append("</system-out>\n    </testcase>\n");
                    case PASSED -> sb.append(c.message().isEmpty() ? "/>\n"
                            : ">\n      <system-out>" + escape(c.message()) + "</system-out>\n    </testcase>\n");
                }
            }
            sb.append("  </testsuite>\n");
        }
        return sb.append("</testsuites>\n").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                default -> {
                    // XML 1.0 forbids most control characters even escaped; plugin output may contain them
                    if (ch >= 0x20 || ch == '\t') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
