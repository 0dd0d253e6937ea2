package dev.vigil.metrics.ingest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.metrics.metadata.MetadataTopic;
import dev.vigil.metrics.metadata.MetricMetadataStore;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.OversizedRecordException;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Topics;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.tsdb.Tsdb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Prometheus remote-write receiver ({@code POST /api/v1/write}): series are produced to
 * {@code vigil.metrics}, keyed to their partition, and the answer (204) waits for Kafka's
 * acknowledgement, so an accepted sample is never lost. A bad body is a 400 with the reason.
 */
@Path("/api/v1/write")
public class RemoteWriteResource {
    private final BatchPublisher publisher;
    private final Counter samples;
    private final Counter rejected;
    private final long maxDecompressedBytes;
    private final WriteLimits limits;
    private final Duration retention;
    private final Duration downsampleAge;

    private final RequestTenant tenant;

    private final MetadataTopic metadata;

    public RemoteWriteResource(BatchPublisher publisher, MeterRegistry registry, MetricsConfig config, RequestTenant tenant,
                               MetadataTopic metadata) {
        this.publisher = publisher;
        this.metadata = metadata;
        this.tenant = tenant;
        this.maxDecompressedBytes = config.remoteWrite().maxDecompressedBytes();
        this.limits = new WriteLimits(config.remoteWrite().maxLabelNamesPerSeries(),
                config.remoteWrite().maxLabelNameLength(), config.remoteWrite().maxLabelValueLength(), Long.MIN_VALUE);
        this.retention = config.storage().retention();
        this.downsampleAge = config.storage().downsampleAge();
        this.samples = registry.counter("vigil_metrics_remote_write_samples_total");
        this.rejected = registry.counter("vigil_metrics_remote_write_rejected_requests_total");
    }

    @POST
    @Blocking // decoding and the producer's metadata lookup must not run on the event loop
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> write(byte[] body) {
        try {
            return Uni.createFrom().completionStage(send(body));
        } catch (RemoteWriteDecoder.BadPayloadException | OversizedRecordException e) {
            // never a 5xx for a request that cannot succeed: Prometheus retries those forever
            rejected.increment();
            return Uni.createFrom().item(plain(400, e.getMessage()));
        }
    }

    /** Decodes and sends the body; the stage answers 204 once Kafka has every record, 503 if it refused. */
    private CompletionStage<Response> send(byte[] body) {
        byte[] raw = RemoteWriteDecoder.uncompress(body, maxDecompressedBytes);
        // the common shape is split by copying bytes; anything else is decoded and re-encoded
        WriteLimits now = limits.since(acceptedSince(System.currentTimeMillis()));
        String owner = tenant.get();
        metadata.offer(MetricMetadataStore.parse(owner, raw));
        boolean stamped = !owner.equals(Tenants.DEFAULT); // another tenant's series carry its label: re-encoded
        RemoteWriteSplitter.Split split = stamped ? null : RemoteWriteSplitter.split(raw, publisher.partitions(Topics.METRICS), now);
        long n;
        CompletableFuture<Void> sent;
        if (split != null && publisher.fits(split.records())) {
            n = split.samples();
            sent = publisher.publishEncoded(Topics.METRICS, split.records());
        } else {
            List<MetricSeries> series = RemoteWriteDecoder.parse(raw, now); // publishing splits what is too large
            if (stamped) {
                series = series.stream().map(s -> new MetricSeries(Tenants.stamp(s.labels(), owner), s.samples())).toList();
            }
            n = series.stream().mapToLong(s -> s.samples().size()).sum();
            sent = publisher.publishMetrics(series);
        }
        return sent.handle((ok, failure) -> {
            if (failure != null) {
                return plain(503, "could not write to Kafka: " + failure.getMessage());
            }
            samples.increment(n);
            return Response.noContent().build();
        });
    }

    /**
     * The oldest time the TSDBs still take a sample for: behind the retention cutoff, or behind the
     * downsampling boundary (which moves in whole two-hour blocks), a sample would be dropped after
     * the 204, so it is refused before.
     */
    private long acceptedSince(long nowMs) {
        return Tsdb.acceptedSince(retention, downsampleAge, nowMs);
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(message + "\n").build();
    }
}
