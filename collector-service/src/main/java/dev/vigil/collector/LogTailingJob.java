package dev.vigil.collector;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.logs.LogFileTarget;
import dev.vigil.collector.logs.LogLine;
import dev.vigil.collector.logs.LogTailer;
import dev.vigil.collector.logs.LogTailerConfig;
import dev.vigil.model.kafka.BatchPublisher;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Tails container logs under the OS's pod log root and the configured files, and publishes the
 * lines to {@code vigil.logs}; read positions advance only once Kafka has acknowledged a batch.
 */
@ApplicationScoped
public class LogTailingJob {
    private static final Logger LOG = Logger.getLogger(LogTailingJob.class);

    private final CollectorConfig config;
    private final BatchPublisher publisher;
    private final NodeIdentity id;
    private final MeterRegistry registry;
    private LogTailer tailer;

    public LogTailingJob(CollectorConfig config, BatchPublisher publisher, NodeIdentity id, MeterRegistry registry) {
        this.config = config;
        this.publisher = publisher;
        this.id = id;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ev) {
        List<LogFileTarget> files = config.logFiles().stream()
                .flatMap(s -> Arrays.stream(s.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty())
                .map(f -> new LogFileTarget(Path.of(f), Labels.of("job", "file", "filename", f.replace('\\', '/'))))
                .toList();
        LogTailerConfig tc = LogTailerConfig.forNode(id.node(), id.os(), Path.of(config.stateDir(), "log-positions.json"))
                .withFiles(files);
        if (config.podLogRoot().isPresent()) {
            tc = tc.withPodLogRoot(config.podLogRoot().filter(s -> !s.isBlank()));
        }
        tailer = new LogTailer(tc, this::deliver, Clock.systemUTC());
        registry.gauge("vigil_collector_log_lines_read_total", tailer, t -> t.linesRead());
        registry.gauge("vigil_collector_log_delivery_failures_total", tailer, t -> t.deliveryFailures());
        tailer.start();
        LOG.infof("tailing %d file(s) and pod logs under %s", files.size(), tc.podLogRoot().orElse("(none)"));
    }

    private CompletionStage<Void> deliver(List<LogLine> batch) {
        Map<Labels, List<LogEntry>> byStream = new LinkedHashMap<>();
        for (LogLine l : batch) {
            byStream.computeIfAbsent(l.stream(), k -> new ArrayList<>()).add(new LogEntry(l.timestampNanos(), l.line()));
        }
        List<LogStream> streams = new ArrayList<>(byStream.size());
        byStream.forEach((labels, entries) -> streams.add(new LogStream(labels, entries)));
        return publisher.publishLogs(streams);
    }

    void stop(@Observes ShutdownEvent ev) throws IOException {
        if (tailer != null) {
            tailer.close();
        }
    }
}
