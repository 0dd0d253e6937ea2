package dev.vigil.logs.otlp;

import dev.vigil.model.LogStream;

import java.util.List;

/** The log streams one OTLP export request became, entries ascending by timestamp within each. */
public record LogTranslation(List<LogStream> streams) {
    public LogTranslation {
        streams = List.copyOf(streams);
    }

    public long lines() {
        return streams.stream().mapToLong(s -> s.entries().size()).sum();
    }
}
