package dev.vigil.logs.ingest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.OversizedRecordException;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.logs.otlp.OtlpLogsTranslator;
import dev.vigil.model.LogStream;
import dev.vigil.model.otlp.OtlpHttp;
import dev.vigil.model.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * OTLP over HTTP for logs ({@code POST /v1/logs}, protobuf or OTLP/JSON): records become streams
 * as the Kafka intake makes them ({@link OtlpLogsTranslator}, Loki's OTLP rules), each checked
 * against the push limits, and the 200 waits for Kafka's acknowledgement. A body that is not an
 * export request, or a stream beyond a limit, is a 400 with a {@code google.rpc.Status}.
 */
@Path("/v1/logs")
public class OtlpPushResource {
    private final BatchPublisher publisher;
    private final RequestTenant tenant;
    private final long maxBytes;
    private final PushLimits limits;
    private final Counter entries;
    private final Counter rejected;

    public OtlpPushResource(BatchPublisher publisher, MeterRegistry registry, LogsConfig config, RequestTenant tenant) {
        this.publisher = publisher;
        this.tenant = tenant;
        this.maxBytes = config.otlp().maxRequestBytes();
        this.limits = PushLimits.of(config.push());
        this.entries = registry.counter("vigil_logs_otlp_http_entries_total");
        this.rejected = registry.counter("vigil_logs_otlp_http_rejected_requests_total");
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> export(@HeaderParam("Content-Type") String contentType,
                                @HeaderParam("Content-Encoding") String contentEncoding, byte[] body) {
        boolean json = false;
        List<LogStream> streams;
        CompletableFuture<Void> sent;
        try {
            json = OtlpHttp.isJson(contentType);
            ExportLogsServiceRequest request = OtlpHttp.decode(contentType, contentEncoding, body, maxBytes,
                    ExportLogsServiceRequest.newBuilder());
            String owner = tenant.get();
            streams = OtlpLogsTranslator.translate(request, TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()))
                    .streams().stream().map(limits::check)
                    .map(s -> new LogStream(Tenants.stamp(s.labels(), owner), s.entries())).toList();
            sent = publisher.publishLogs(streams);
        } catch (OtlpHttp.BadRequest e) {
            rejected.increment();
            return Uni.createFrom().item(refusal(json, e.status(), e.getMessage()));
        } catch (PushDecoder.BadPushException | OversizedRecordException e) {
            rejected.increment();
            return Uni.createFrom().item(refusal(json, 400, e.getMessage()));
        }
        long n = streams.stream().mapToLong(s -> s.entries().size()).sum();
        boolean asJson = json;
        return Uni.createFrom().completionStage(sent.handle((ok, failure) -> {
            if (failure != null) {
                return refusal(asJson, 503, "could not write to Kafka: " + failure.getMessage());
            }
            entries.increment(n);
            OtlpHttp.Body b = OtlpHttp.encode(asJson, ExportLogsServiceResponse.getDefaultInstance());
            return Response.ok(b.bytes(), b.contentType()).build();
        }));
    }

    private static Response refusal(boolean json, int status, String message) {
        OtlpHttp.Body b = OtlpHttp.status(json, status == 503 ? OtlpHttp.UNAVAILABLE : OtlpHttp.INVALID_ARGUMENT, message);
        return Response.status(status).entity(b.bytes()).type(b.contentType()).build();
    }
}
