package dev.vigil.logs.ingest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Loki's own path for its OTLP receiver, {@code /otlp/v1/logs}: the same receiver as {@code /v1/logs}. */
@Path("/otlp/v1/logs")
public class LokiOtlpPath {
    private final OtlpPushResource otlp;

    public LokiOtlpPath(OtlpPushResource otlp) {
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
