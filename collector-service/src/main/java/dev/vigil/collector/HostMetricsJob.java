package dev.vigil.collector;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.host.HostSource;
import dev.vigil.collector.host.NodeExporterMapper;
import dev.vigil.collector.host.OshiHostSource;
import dev.vigil.collector.delivery.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Reads host metrics every {@code vigil.collector.interval} and publishes them to {@code vigil.metrics}. */
@ApplicationScoped
public class HostMetricsJob {
    private static final Logger LOG = Logger.getLogger(HostMetricsJob.class);

    private final CollectorConfig config;
    private final Delivery delivery;
    private final NodeIdentity id;
    private final Counter published;
    private final Counter failed;
    private ScheduledExecutorService timer;

    public HostMetricsJob(CollectorConfig config, Delivery delivery, NodeIdentity id, MeterRegistry registry) {
        this.config = config;
        this.delivery = delivery;
        this.id = id;
        this.published = registry.counter("vigil_collector_host_series_published_total");
        this.failed = registry.counter("vigil_collector_host_scrapes_failed_total");
    }

    void start(@Observes StartupEvent ev) {
        if (!config.hostMetrics()) {
            return;
        }
        HostSource source = new OshiHostSource(id.os(), Path.of(config.procRoot()), Path.of(config.etcRoot()));
        NodeExporterMapper mapper = new NodeExporterMapper(id.node());
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "host-metrics"));
        timer.scheduleAtFixedRate(() -> {
            try {
                var series = mapper.map(source.read(), System.currentTimeMillis());
                delivery.publishMetrics(series).whenComplete((ok, ex) -> {
                    if (ex != null) {
                        failed.increment();
                        LOG.warnf("host metrics not delivered: %s", ex.getMessage());
                    } else {
                        published.increment(series.size());
                    }
                });
            } catch (RuntimeException e) {
                failed.increment();
                LOG.warnf(e, "reading host metrics failed");
            }
        }, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("host metrics of %s (%s) every %s", id.node(), id.os().label(), config.interval());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
