package dev.vigil.metrics.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Prometheus's own path for its OTLP receiver, {@code /api/v1/otlp/v1/metrics}: the same receiver as {@code /v1/metrics}. */
@Path("/api/v1/otlp/v1/metrics")
public class PrometheusOtlpPath {
    private final OtlpWriteResource otlp;

    public PrometheusOtlpPath(OtlpWriteResource otlp) {
        this.otlp = otlp;
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> export(@HeaderParam("Content-Type") String contentType,
                                @HeaderParam("Content-Encoding") String contentEncoding, byte[] body) {
        return otlp.export(contentType, contentEncoding, body);
    }
}
