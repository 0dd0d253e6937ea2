package dev.vigil.logs.ingest;

import dev.vigil.auth.RequestTenant;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.OversizedRecordException;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.model.LogStream;
import dev.vigil.model.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Loki's push API ({@code POST /loki/api/v1/push}) in both of its formats; streams are produced
 * to {@code vigil.logs} by partition and the 204 waits for Kafka's acknowledgement.
 */
@Path("/loki/api/v1/push")
public class PushResource {
    private final BatchPublisher publisher;
    private final Counter entries;
    private final Counter rejected;
    private final long maxDecompressedBytes;
    private final PushLimits limits;

    private final RequestTenant tenant;

    public PushResource(BatchPublisher publisher, MeterRegistry registry, LogsConfig config, RequestTenant tenant) {
        this.publisher = publisher;
        this.tenant = tenant;
        this.maxDecompressedBytes = config.pushMaxDecompressedBytes();
        this.limits = PushLimits.of(config.push());
        this.entries = registry.counter("vigil_logs_push_entries_total");
        this.rejected = registry.counter("vigil_logs_push_rejected_requests_total");
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> push(@HeaderParam("Content-Type") String contentType, byte[] body) {
        List<LogStream> streams;
        CompletableFuture<Void> sent;
        try {
            streams = contentType != null && contentType.startsWith("application/json")
                    ? PushDecoder.json(body)
                    : PushDecoder.protobuf(body, maxDecompressedBytes);
            String owner = tenant.get();
            streams = streams.stream().map(limits::check)
                    .map(s -> new LogStream(Tenants.stamp(s.labels(), owner), s.entries())).toList();
            sent = publisher.publishLogs(streams);
        } catch (PushDecoder.BadPushException | OversizedRecordException e) {
            // never a 5xx for a push that cannot succeed: Promtail retries those forever
            rejected.increment();
            return Uni.createFrom().item(error(400, e.getMessage()));
        }
        long n = streams.stream().mapToLong(s -> s.entries().size()).sum();
        // 204 once Kafka holds every entry, so an accepted line is never lost
        return Uni.createFrom().completionStage(sent.handle((ok, failure) -> {
            if (failure == null) {
                entries.increment(n);
                return Response.noContent().build();
            }
            return error(503, "could not write to Kafka: " + failure.getMessage());
        }));
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", status, "status", "error", "message", message)).build();
    }
}
