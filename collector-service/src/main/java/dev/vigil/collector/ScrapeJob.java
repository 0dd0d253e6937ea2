package dev.vigil.collector;

import dev.vigil.kafka.client.MetadataPublisher;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.delivery.Delivery;
import dev.vigil.collector.scrape.MetricSample;
import dev.vigil.collector.scrape.PodScrapeTargets;
import dev.vigil.collector.scrape.PodTargetDiscovery;
import dev.vigil.collector.scrape.ScrapeResult;
import dev.vigil.collector.scrape.ScrapeRound;
import dev.vigil.collector.scrape.ScrapeTarget;
import dev.vigil.collector.scrape.Scraper;
import dev.vigil.collector.scrape.SeriesGrouping;
import dev.vigil.collector.scrape.StalenessTracker;
import dev.vigil.collector.scrape.StaticTargets;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes the static targets of {@code vigil.collector.scrape.static-targets} and, in a cluster,
 * the annotated pods on this node every {@code vigil.collector.scrape.interval}, and publishes
 * the samples (labelled {@code node} and {@code os}, with {@code up} and the scrape series) to
 * {@code vigil.metrics}, with staleness markers for the series and targets that went away
 * ({@link StalenessTracker}).
 */
@ApplicationScoped
public class ScrapeJob {
    private static final Logger LOG = Logger.getLogger(ScrapeJob.class);

    private final CollectorConfig config;
    private final Delivery delivery;
    private final MetadataPublisher metadata;
    private final NodeIdentity id;
    private final Instance<KubernetesClient> kubernetes;
    private final Counter scrapes;
    private final Counter failedScrapes;
    private ScheduledExecutorService timer;
    private Optional<PodTargetDiscovery> discovery = Optional.empty();
    private boolean discoveryFailing;
    private final StalenessTracker staleness = new StalenessTracker();
    private ScrapeRound round;
    private volatile boolean stopping;

    public ScrapeJob(CollectorConfig config, Delivery delivery, NodeIdentity id, Instance<KubernetesClient> kubernetes,
                     MeterRegistry registry, MetadataPublisher metadata) {
        this.config = config;
        this.metadata = metadata;
        this.delivery = delivery;
        this.id = id;
        this.kubernetes = kubernetes;
        this.scrapes = registry.counter("vigil_collector_scrapes_total");
        this.failedScrapes = registry.counter("vigil_collector_scrapes_failed_total");
    }

    void start(@Observes StartupEvent ev) {
        List<ScrapeTarget> statics = config.scrape().staticTargets().map(StaticTargets::parse).orElse(List.of()).stream()
                .map(this::withScrapeSettings).toList();
        if (config.scrape().podDiscovery() && id.inCluster()) {
            PodScrapeTargets rules = new PodScrapeTargets("kubernetes-pods", config.scrape().timeout(), config.scrape().sampleLimit());
            discovery = Optional.of(new PodTargetDiscovery(kubernetes.get(), id.node(), rules));
        } else if (config.scrape().podDiscovery()) {
            LOG.info("not in a Kubernetes cluster: pod scrape discovery is off");
        }
        if (statics.isEmpty() && discovery.isEmpty()) {
            return;
        }
        Scraper scraper = new Scraper(HttpClient.newBuilder().connectTimeout(config.scrape().timeout()).build(), Clock.systemUTC(),
                config.scrape().maxBodyBytes());
        round = new ScrapeRound(scraper, config.scrape().concurrency());
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "scrape"));
        long every = config.scrape().interval().toMillis();
        timer.scheduleAtFixedRate(() -> scrapeAll(statics), 0, every, TimeUnit.MILLISECONDS);
        LOG.infof("scraping %d static target(s)%s every %s", statics.size(),
                discovery.isPresent() ? " and annotated pods on " + id.node() : "", config.scrape().interval());
    }

    private ScrapeTarget labelled(ScrapeTarget t) {
        return t.withLabels(t.labels().toBuilder().set("node", id.node()).set("os", id.os().label()).build());
    }

    private ScrapeTarget withScrapeSettings(ScrapeTarget t) {
        return t.withTimeout(config.scrape().timeout()).withSampleLimit(config.scrape().sampleLimit());
    }

    private void scrapeAll(List<ScrapeTarget> statics) {
        try {
            long roundStart = System.currentTimeMillis();
            // one scrape per target (URL and labels), however often it is listed, as Prometheus dedupes
            Map<String, ScrapeTarget> targets = new LinkedHashMap<>();
            for (ScrapeTarget t : statics) {
                ScrapeTarget l = labelled(t);
                targets.putIfAbsent(l.url() + " " + l.labels(), l);
            }
            for (ScrapeTarget t : podTargets()) {
                ScrapeTarget l = labelled(t);
                targets.putIfAbsent(l.url() + " " + l.labels(), l);
            }
            List<String> keys = new ArrayList<>(targets.keySet());
            List<ScrapeResult> results = round.scrapeAll(new ArrayList<>(targets.values()));
            if (stopping) {
                return; // a round cut short by the shutdown writes no up 0 and no staleness markers
            }
            List<MetricSample> samples = new ArrayList<>();
            List<MetricMetadataRecord> described = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                ScrapeResult r = results.get(i);
                scrapes.increment();
                if (!r.up()) {
                    failedScrapes.increment();
                    LOG.debugf("scrape of %s failed: %s", targets.get(keys.get(i)).url(), r.error().orElse("unknown"));
                }
                samples.addAll(staleness.scraped(keys.get(i), r));
                r.metadata().forEach((family, m) -> described.add(new MetricMetadataRecord(Tenants.DEFAULT, family,
                        m.type().equals("untyped") ? "unknown" : m.type(), m.help(), m.unit())));
            }
            if (!discoveryFailing) {
                // a failing discovery lists no pods, which does not mean they went away
                samples.addAll(staleness.gone(new HashSet<>(keys), roundStart));
            }
            delivery.publishMetrics(SeriesGrouping.toSeries(samples));
            metadata.offer(described); // the targets' HELP, TYPE and UNIT, for /api/v1/metadata (sent once per change)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        } catch (RuntimeException e) {
            LOG.warnf("scrape round failed: %s", e.getMessage());
        }
    }

    private List<ScrapeTarget> podTargets() {
        if (discovery.isEmpty()) {
            return List.of();
        }
        try {
            List<ScrapeTarget> found = discovery.get().discover();
            if (discoveryFailing) {
                LOG.info("pod scrape discovery works again");
                discoveryFailing = false;
            }
            return found.stream().map(this::withScrapeSettings).toList();
        } catch (RuntimeException e) {
            if (!discoveryFailing) {
                // One line, not a stack trace per interval: the API server may be away for a while.
                LOG.warnf("pod scrape discovery failed, scraping static targets only until it works: %s", e.getMessage());
                discoveryFailing = true;
            }
            return List.of();
        }
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        stopping = true;
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (round != null) {
            round.close();
        }
    }
}
