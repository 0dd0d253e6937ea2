package dev.vigil.collector;

import dev.vigil.collector.host.procfs.HostMetrics;
import dev.vigil.kafka.client.MetadataPublisher;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.host.HostSnapshot;
import dev.vigil.collector.host.HostSource;
import dev.vigil.collector.host.NodeExporterMapper;
import dev.vigil.collector.host.OshiHostSource;
import dev.vigil.collector.host.WindowsExporterMapper;
import dev.vigil.collector.host.procfs.NodeCollectors;
import dev.vigil.collector.host.procfs.ProcFs;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.NodeOs;
import dev.vigil.collector.delivery.Delivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/** Reads host metrics every {@code vigil.collector.interval} and publishes them to {@code vigil.metrics}. */
@ApplicationScoped
public class HostMetricsJob {
    private static final Logger LOG = Logger.getLogger(HostMetricsJob.class);

    private final CollectorConfig config;
    private final Delivery delivery;
    private final MetadataPublisher metadata;
    private final NodeIdentity id;
    private final Counter published;
    private final Counter failed;
    private ScheduledExecutorService timer;

    public HostMetricsJob(CollectorConfig config, Delivery delivery, NodeIdentity id, MeterRegistry registry, MetadataPublisher metadata) {
        this.metadata = metadata;
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
        String instance = config.instance().orElse(id.node());
        NodeExporterMapper mapper = new NodeExporterMapper(id.node(), instance, config.job());
        // Linux: node_exporter's own collectors over /proc and /sys; Windows: the OSHI snapshot under
        // node_exporter's names, windows_exporter's or both
        LongFunction<List<MetricSeries>> read;
        if (id.os() == NodeOs.LINUX) {
            NodeCollectors nodeCollectors = nodeCollectors();
            read = now -> {
                HostMetrics collected = nodeCollectors.collect();
                // node_exporter's HELP and TYPE, for /api/v1/metadata (sent once per change)
                metadata.offer(collected.families().stream().map(f -> new MetricMetadataRecord(Tenants.DEFAULT, f.name(),
                        f.type().equals("untyped") ? "unknown" : f.type(), f.help(), "")).toList());
                return mapper.map(collected, id.os(), now);
            };
        } else {
            HostSource source = new OshiHostSource(id.os(), Path.of(config.procRoot()), Path.of(config.etcRoot()));
            WindowsExporterMapper windowsNames = new WindowsExporterMapper(new NodeExporterMapper(id.node(), instance, config.windows().job()));
            read = now -> {
                HostSnapshot snapshot = source.read();
                List<MetricSeries> series = new ArrayList<>();
                if (config.windows().nodeExporterNames()) {
                    series.addAll(mapper.map(snapshot, now));
                }
                if (config.windows().windowsExporterNames()) {
                    series.addAll(windowsNames.map(snapshot, now));
                }
                return series;
            };
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "host-metrics"));
        timer.scheduleAtFixedRate(() -> {
            try {
                List<MetricSeries> series = read.apply(System.currentTimeMillis());
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

    private NodeCollectors nodeCollectors() {
        CollectorConfig.NodeCollectorsConfig c = config.nodeCollectors();
        NodeCollectors collectors = new NodeCollectors(
                ProcFs.of(Path.of(config.procRoot()), Path.of(config.sysRoot()), Path.of(config.rootFs())),
                new NodeCollectors.Settings(c.disabled().orElse(Set.of()), c.vmstatFields(), c.netstatFields(),
                        c.diskstatsDeviceExclude(), c.netdevDeviceInclude(), c.netdevDeviceExclude(), c.textfileDirectory().map(Path::of),
                        c.filesystemMountPointsExclude(), c.filesystemFsTypesExclude(), c.filesystemMountTimeout(),
                        // an etc-root of its own (the host's os-release mounted alone) wins over the root file system's
                        Optional.of(config.etcRoot()).filter(etc -> !etc.equals("/etc")).map(Path::of)),
                Clock.systemUTC());
        LOG.infof("node collectors: %s", String.join(", ", collectors.names()));
        return collectors;
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
