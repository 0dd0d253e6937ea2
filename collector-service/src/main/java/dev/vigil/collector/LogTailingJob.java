package dev.vigil.collector;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.logs.LogFileTarget;
import dev.vigil.collector.logs.LogTailer;
import dev.vigil.collector.logs.LogTailerConfig;
import dev.vigil.collector.delivery.Delivery;
import dev.vigil.model.Labels;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Tails container logs under the OS's pod log root and the configured files, and publishes the
 * lines to {@code vigil.logs}; read positions advance only once a batch is in Kafka or in the
 * delivery spool on disk.
 */
@ApplicationScoped
public class LogTailingJob {
    private static final Logger LOG = Logger.getLogger(LogTailingJob.class);

    private final CollectorConfig config;
    private final Delivery delivery;
    private final NodeIdentity id;
    private final MeterRegistry registry;
    private LogTailer tailer;

    public LogTailingJob(CollectorConfig config, Delivery delivery, NodeIdentity id, MeterRegistry registry) {
        this.config = config;
        this.delivery = delivery;
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
            // An empty value reads as unset in MicroProfile Config, so switching off takes a word.
            tc = tc.withPodLogRoot(config.podLogRoot().filter(s -> !s.isBlank() && !s.equalsIgnoreCase("none")));
        }
        tailer = new LogTailer(tc, delivery::publishLines, Clock.systemUTC());
        registry.gauge("vigil_collector_log_lines_read_total", tailer, t -> t.linesRead());
        registry.gauge("vigil_collector_log_delivery_failures_total", tailer, t -> t.deliveryFailures());
        tailer.start();
        LOG.infof("tailing %d file(s) and pod logs under %s", files.size(), tc.podLogRoot().orElse("(none)"));
    }

    void stop(@Observes ShutdownEvent ev) throws IOException {
        if (tailer != null) {
            tailer.close();
        }
    }
}
