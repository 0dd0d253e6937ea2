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
import dev.vigil.collector.scrape.config.JobTargets;
import dev.vigil.collector.scrape.config.ScrapeConfigException;
import dev.vigil.collector.scrape.config.ScrapeConfigFile;
import dev.vigil.collector.scrape.config.ScrapeJobConfig;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicInteger;
import io.fabric8.kubernetes.client.KubernetesClientException;

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

    void start(@Observes StartupEvent ev) throws ScrapeConfigException {
        List<ScrapeTarget> statics = config.scrape().staticTargets().map(StaticTargets::parse).orElse(List.of()).stream()
                .map(this::withScrapeSettings).toList();
        List<ScrapeJobConfig> jobs = List.of();
        if (config.scrape().configFile().isPresent()) {
            Path file = Path.of(config.scrape().configFile().get());
            ScrapeConfigFile.Loaded loaded = ScrapeConfigFile.load(file); // refused: the collector does not start
            if (!loaded.ignored().isEmpty()) {
                LOG.infof("%s: not about scraping, read past: %s", file, String.join(", ", loaded.ignored()));
            }
            jobs = loaded.jobs();
        }
        boolean needPods = config.scrape().podDiscovery() || jobs.stream().anyMatch(j -> !j.podDiscovery().isEmpty());
        if (needPods && id.inCluster()) {
            PodScrapeTargets rules = new PodScrapeTargets("kubernetes-pods", config.scrape().timeout(), config.scrape().sampleLimit());
            discovery = Optional.of(new PodTargetDiscovery(kubernetes.get(), id.node(), rules));
        } else if (needPods) {
            LOG.info("not in a Kubernetes cluster: pod scrape discovery is off");
        }
        boolean annotatedPods = config.scrape().podDiscovery() && discovery.isPresent();
        if (statics.isEmpty() && !annotatedPods && jobs.isEmpty()) {
            return;
        }
        Scraper scraper = new Scraper(HttpClient.newBuilder().connectTimeout(config.scrape().timeout()).build(), Clock.systemUTC(),
                config.scrape().maxBodyBytes());
        round = new ScrapeRound(scraper, config.scrape().concurrency());
        AtomicInteger threads = new AtomicInteger();
        // one thread per schedule: a round waits for its scrapes (on the round's pool), and a job with
        // slow targets must not make the others late
        timer = Executors.newScheduledThreadPool(jobs.size() + 1, r -> new Thread(r, "scrape-timer-" + threads.incrementAndGet()));
        if (!statics.isEmpty() || annotatedPods) {
            long every = config.scrape().interval().toMillis();
            timer.scheduleAtFixedRate(() -> scrapeAll(statics, annotatedPods), 0, every, TimeUnit.MILLISECONDS);
            LOG.infof("scraping %d static target(s)%s every %s", statics.size(),
                    annotatedPods ? " and annotated pods on " + id.node() : "", config.scrape().interval());
        }
        for (ScrapeJobConfig job : jobs) {
            ConfiguredJob run = new ConfiguredJob(new JobTargets(job, id.node(), id.os().label()));
            timer.scheduleAtFixedRate(run::scrape, 0, job.interval().toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("scrape job %s: %d static target group(s)%s every %s", job.jobName(), job.staticConfigs().size(),
                    job.podDiscovery().isEmpty() ? "" : " and the pods on " + id.node(), job.interval());
        }
    }

    /** A job of the configuration file: its own schedule, staleness and discovery state. */
    private final class ConfiguredJob {
        private final JobTargets targets;
        private final StalenessTracker staleness = new StalenessTracker();
        private boolean failing;
        private Map<String, Integer> lastErrors = Map.of();

        ConfiguredJob(JobTargets targets) {
            this.targets = targets;
        }

        void scrape() {
            try {
                long roundStart = System.currentTimeMillis();
                JobTargets.Round r;
                boolean discoveryOk = true;
                try {
                    r = targets.round(() -> discovery.map(PodTargetDiscovery::pods).orElse(List.of()));
                    if (failing) {
                        LOG.infof("scrape job %s: pod discovery works again", targets.job().jobName());
                        failing = false;
                    }
                } catch (KubernetesClientException e) {
                    if (!failing) {
                        LOG.warnf("scrape job %s: pod discovery failed, scraping its static targets until it works: %s",
                                targets.job().jobName(), e.getMessage());
                        failing = true;
                    }
                    discoveryOk = false;
                    r = targets.round(List::of);
                }
                if (!r.errors().equals(lastErrors)) {
                    // once per change, not per interval: the same broken target stays broken until discovery changes it
                    r.errors().forEach((why, n) -> LOG.warnf("scrape job %s: %d target(s) dropped: %s", targets.job().jobName(), n, why));
                    lastErrors = r.errors();
                }
                publishRound(staleness, r.targets(), discoveryOk, roundStart);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping
            } catch (RuntimeException e) {
                LOG.warnf("scrape job %s: round failed: %s", targets.job().jobName(), e.getMessage());
            }
        }
    }

    private ScrapeTarget labelled(ScrapeTarget t) {
        return t.withLabels(t.labels().toBuilder().set("node", id.node()).set("os", id.os().label()).build());
    }

    private ScrapeTarget withScrapeSettings(ScrapeTarget t) {
        return t.withTimeout(config.scrape().timeout()).withSampleLimit(config.scrape().sampleLimit());
    }

    private void scrapeAll(List<ScrapeTarget> statics, boolean annotatedPods) {
        try {
            long roundStart = System.currentTimeMillis();
            // one scrape per target (URL and labels), however often it is listed, as Prometheus dedupes
            Map<String, ScrapeTarget> targets = new LinkedHashMap<>();
            for (ScrapeTarget t : statics) {
                ScrapeTarget l = labelled(t);
                targets.putIfAbsent(l.url() + " " + l.labels(), l);
            }
            for (ScrapeTarget t : annotatedPods ? podTargets() : List.<ScrapeTarget>of()) {
                ScrapeTarget l = labelled(t);
                targets.putIfAbsent(l.url() + " " + l.labels(), l);
            }
            publishRound(staleness, targets, !discoveryFailing, roundStart);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        } catch (RuntimeException e) {
            LOG.warnf("scrape round failed: %s", e.getMessage());
        }
    }

    /**
     * Scrapes the targets and publishes their samples with the staleness markers of what went away.
     * {@code listComplete}: the target list is whole (a failing discovery lists no pods, which does
     * not mean they went away).
     */
    private void publishRound(StalenessTracker staleness, Map<String, ScrapeTarget> targets, boolean listComplete, long roundStart)
            throws InterruptedException {
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
        if (listComplete) {
            samples.addAll(staleness.gone(new HashSet<>(keys), roundStart));
        }
        delivery.publishMetrics(SeriesGrouping.toSeries(samples));
        metadata.offer(described); // the targets' HELP, TYPE and UNIT, for /api/v1/metadata (sent once per change)
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
