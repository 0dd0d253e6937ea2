package dev.vigil.logql.pipeline;

/** One entry in flight through a pipeline: its time, its (possibly rewritten) line and its labels. */
public final class LogLine {
    private final long timestampNanos;
    private String line;
    private final LabelsBuilder labels;

    public LogLine(long timestampNanos, String line, LabelsBuilder labels) {
        this.timestampNanos = timestampNanos;
        this.line = line;
        this.labels = labels;
    }

    public long timestampNanos() {
        return timestampNanos;
    }

    public String line() {
        return line;
    }

    public void line(String newLine) {
        this.line = newLine;
    }

    public LabelsBuilder labels() {
        return labels;
    }
}
