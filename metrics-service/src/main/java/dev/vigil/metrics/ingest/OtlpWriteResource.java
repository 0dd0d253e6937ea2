package dev.vigil.metrics.ingest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.OversizedRecordException;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.metadata.MetadataTopic;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.metrics.otlp.MetricTranslation;
import dev.vigil.metrics.otlp.OtlpMetricsTranslator;
import dev.vigil.metrics.otlp.RejectReason;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.otlp.OtlpHttp;
import dev.vigil.model.tenant.Tenants;
import dev.vigil.tsdb.Tsdb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * OTLP over HTTP for metrics ({@code POST /v1/metrics}, protobuf or OTLP/JSON, as an OpenTelemetry
 * SDK's or Collector's {@code otlphttp} exporter sends): the request is translated as the Kafka
 * intake translates it ({@link OtlpMetricsTranslator}, Prometheus's OTLP receiver rules), checked
 * against the remote-write limits, and answered 200 once Kafka holds every series. Points the
 * translation leaves out (delta temporality, exponential histograms) are reported as OTLP's
 * partial success; a body that is not an export request, or a series beyond a limit, is a 400 with
 * a {@code google.rpc.Status}, which senders do not retry.
 */
@Path("/v1/metrics")
public class OtlpWriteResource {
    private final BatchPublisher publisher;
    private final RequestTenant tenant;
    private final MetadataTopic metadata;
    private final long maxBytes;
    private final WriteLimits limits;
    private final Duration retention;
    private final Duration downsampleAge;
    private final Counter samples;
    private final Counter rejected;

    public OtlpWriteResource(BatchPublisher publisher, MeterRegistry registry, MetricsConfig config, RequestTenant tenant,
                             MetadataTopic metadata) {
        this.publisher = publisher;
        this.metadata = metadata;
        this.tenant = tenant;
        this.maxBytes = config.otlp().maxRequestBytes();
        this.limits = new WriteLimits(config.remoteWrite().maxLabelNamesPerSeries(),
                config.remoteWrite().maxLabelNameLength(), config.remoteWrite().maxLabelValueLength(), Long.MIN_VALUE);
        this.retention = config.storage().retention();
        this.downsampleAge = config.storage().downsampleAge();
        this.samples = registry.counter("vigil_metrics_otlp_http_samples_total");
        this.rejected = registry.counter("vigil_metrics_otlp_http_rejected_requests_total");
    }

    @POST
    @Blocking // decoding and the producer's metadata lookup must not run on the event loop
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> export(@HeaderParam("Content-Type") String contentType,
                                @HeaderParam("Content-Encoding") String contentEncoding, byte[] body) {
        boolean json = false;
        List<MetricSeries> series;
        ExportMetricsServiceResponse answer;
        CompletableFuture<Void> sent;
        try {
            json = OtlpHttp.isJson(contentType);
            ExportMetricsServiceRequest request = OtlpHttp.decode(contentType, contentEncoding, body, maxBytes,
                    ExportMetricsServiceRequest.newBuilder());
            MetricTranslation t = OtlpMetricsTranslator.translate(request);
            series = checked(t.series(), tenant.get());
            String owner = tenant.get();
            List<MetricMetadataRecord> described = t.metadata().stream().map(m -> new MetricMetadataRecord(owner, m.family(), m.type(), m.help(), m.unit())).toList();
            // here, not when Kafka acknowledged the samples: that callback runs on the producer's own
            // thread, where sending again would wait for topic metadata that thread has to fetch
            metadata.offer(described);
            answer = response(t.rejected());
            sent = publisher.publishMetrics(series);
        } catch (OtlpHttp.BadRequest e) {
            rejected.increment();
            return Uni.createFrom().item(refusal(json, e.status(), e.getMessage()));
        } catch (LimitException | OversizedRecordException e) {
            rejected.increment();
            return Uni.createFrom().item(refusal(json, 400, e.getMessage()));
        }
        long n = series.stream().mapToLong(s -> s.samples().size()).sum();
        boolean asJson = json;
        return Uni.createFrom().completionStage(sent.handle((ok, failure) -> {
            if (failure != null) {
                // 503: OTLP exporters retry it, as the specification asks of an unavailable backend
                return refusal(asJson, 503, "could not write to Kafka: " + failure.getMessage());
            }
            samples.increment(n);
            OtlpHttp.Body b = OtlpHttp.encode(asJson, answer);
            return Response.ok(b.bytes(), b.contentType()).build();
        }));
    }

    /** The series with the tenant's label, each within the remote-write limits. */
    private List<MetricSeries> checked(List<MetricSeries> series, String owner) {
        WriteLimits now = limits.since(Tsdb.acceptedSince(retention, downsampleAge, System.currentTimeMillis()));
        return series.stream().map(s -> {
            String why = now.violation(s.labels());
            if (why != null) {
                throw new LimitException(why);
            }
            for (Sample sample : s.samples()) {
                String old = now.tooOld(s.labels(), sample.timestampMs());
                if (old != null) {
                    throw new LimitException(old);
                }
            }
            return new MetricSeries(Tenants.stamp(s.labels(), owner), s.samples());
        }).toList();
    }

    /** OTLP's partial success when the translation left points out, with the reasons; empty otherwise. */
    static ExportMetricsServiceResponse response(Map<RejectReason, Long> rejectedPoints) {
        long total = rejectedPoints.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return ExportMetricsServiceResponse.getDefaultInstance();
        }
        String why = rejectedPoints.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        return ExportMetricsServiceResponse.newBuilder().setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                .setRejectedDataPoints(total).setErrorMessage("data points left out: " + why)).build();
    }

    private static Response refusal(boolean json, int status, String message) {
        OtlpHttp.Body b = OtlpHttp.status(json, status == 503 ? OtlpHttp.UNAVAILABLE : OtlpHttp.INVALID_ARGUMENT, message);
        return Response.status(status).entity(b.bytes()).type(b.contentType()).build();
    }

    /** A series beyond a remote-write limit: the whole request is refused, as remote write refuses it. */
    private static final class LimitException extends RuntimeException {
        LimitException(String message) {
            super(message, null, false, false);
        }
    }
}
