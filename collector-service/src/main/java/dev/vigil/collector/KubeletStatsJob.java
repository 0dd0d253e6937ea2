package dev.vigil.collector;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.delivery.Delivery;
import dev.vigil.collector.kubelet.KubeletClientConfig;
import dev.vigil.collector.kubelet.KubeletStatsException;
import dev.vigil.collector.kubelet.KubeletSummaryClient;
import dev.vigil.collector.kubelet.ContainerSpecs;
import dev.vigil.kafka.client.MetadataPublisher;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.collector.kubelet.SummaryMapper;
import dev.vigil.collector.scrape.MetricSample;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import dev.vigil.collector.scrape.SeriesGrouping;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the kubelet's Summary API every {@code vigil.collector.kubelet.interval} and publishes
 * the container and pod series under cAdvisor's names to {@code vigil.metrics}. Runs in a cluster,
 * or anywhere {@code vigil.collector.kubelet.endpoint} is set.
 */
@ApplicationScoped
public class KubeletStatsJob {
    private static final Logger LOG = Logger.getLogger(KubeletStatsJob.class);

    private final CollectorConfig config;
    private final Delivery delivery;
    private final NodeIdentity id;
    private final Counter failed;
    private final Instance<KubernetesClient> kubernetes;
    private final MetadataPublisher metadata;
    private ScheduledExecutorService timer;
    private boolean failing;
    private boolean specsFailing;

    public KubeletStatsJob(CollectorConfig config, Delivery delivery, NodeIdentity id, MeterRegistry registry,
                           Instance<KubernetesClient> kubernetes, MetadataPublisher metadata) {
        this.kubernetes = kubernetes;
        this.metadata = metadata;
        this.config = config;
        this.delivery = delivery;
        this.id = id;
        this.failed = registry.counter("vigil_collector_kubelet_polls_failed_total");
    }

    void start(@Observes StartupEvent ev) {
        CollectorConfig.KubeletConfig k = config.kubelet();
        if (k.endpoint().isEmpty() && !id.inCluster()) {
            LOG.info("not in a Kubernetes cluster and no vigil.collector.kubelet.endpoint: kubelet stats are off");
            return;
        }
        String address = Optional.ofNullable(System.getenv("NODE_IP")).filter(s -> !s.isBlank()).orElse(id.node());
        KubeletClientConfig c = KubeletClientConfig.forNode(address, id.os());
        c = k.endpoint().filter(s -> !s.isBlank()).map(URI::create).map(c::withEndpoint).orElse(c);
        c = k.tokenPath().map(c::withTokenPath).orElse(c);
        c = k.caPath().map(c::withCaPath).orElse(c);
        if (k.insecureSkipVerify()) {
            c = c.withInsecureSkipVerify(true);
            LOG.warn("vigil.collector.kubelet.insecure-skip-verify is on: the kubelet's certificate is not checked, so anyone who can"
                    + " answer on its address receives the service-account token");
        }
        KubeletSummaryClient client;
        try {
            client = KubeletSummaryClient.create(c);
        } catch (KubeletStatsException e) {
            LOG.warnf("kubelet stats are off: %s", e.getMessage());
            return;
        }
        SummaryMapper mapper = new SummaryMapper(id.node(), id.os(), Clock.systemUTC());
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "kubelet-stats"));
        timer.scheduleAtFixedRate(() -> poll(client, mapper), 0, k.interval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("kubelet stats from %s every %s", c.endpoint(), k.interval());
    }

    private void poll(KubeletSummaryClient client, SummaryMapper mapper) {
        try {
            List<MetricSample> samples = new ArrayList<>(mapper.map(client.fetch()));
            samples.addAll(specs());
            delivery.publishMetrics(SeriesGrouping.toSeries(samples));
            if (failing) {
                LOG.info("kubelet stats work again");
                failing = false;
            }
        } catch (KubeletStatsException | RuntimeException e) {
            failed.increment();
            if (!failing) {
                LOG.warnf("kubelet stats failed (logged once until they work again): %s", e.getMessage());
                failing = true;
            }
        }
    }

    /**
     * cAdvisor's container_spec_* series from this node's pods (the Summary API has no limits);
     * none outside a cluster, and none while the API server cannot be asked, which is logged once.
     */
    private List<MetricSample> specs() {
        if (!id.inCluster()) {
            return List.of();
        }
        try {
            List<Pod> pods = kubernetes.get().pods().inAnyNamespace().withField("spec.nodeName", id.node()).list().getItems();
            if (specsFailing) {
                LOG.info("container limits from the pod specs work again");
                specsFailing = false;
            }
            // cAdvisor's HELP and TYPE for /api/v1/metadata (sent once per change)
            metadata.offer(ContainerSpecs.FAMILIES.entrySet().stream()
                    .map(f -> new MetricMetadataRecord(Tenants.DEFAULT, f.getKey(), f.getValue()[0], f.getValue()[1], "")).toList());
            return ContainerSpecs.of(pods, id.node(), id.os(), System.currentTimeMillis());
        } catch (KubernetesClientException e) {
            if (!specsFailing) {
                LOG.warnf("container limits (container_spec_*) left out until the API server answers: %s", e.getMessage());
                specsFailing = true;
            }
            return List.of();
        }
    }

    void stop(@Observes ShutdownEvent ev) throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
