package dev.vigil.metrics.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every failure leaves in Prometheus' error shape; only a bug is a 500. */
class ApiErrorMapperTest {
    private final ApiErrorMapper mapper = new ApiErrorMapper();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Response r) {
        return (Map<String, Object>) r.getEntity();
    }

    @Test
    void aStackOverflowIsTheQuerysFaultNotACrash() {
        Response r = mapper.stackOverflow(new StackOverflowError());
        assertEquals(422, r.getStatus());
        assertEquals("execution", body(r).get("errorType"));
        assertEquals("error", body(r).get("status"));
    }

    @Test
    void responsesChosenByAResourceAreKept() {
        assertEquals(404, mapper.web(new NotFoundException()).getStatus());
    }

    @Test
    void anythingElseIsAnInternalErrorInTheSameShape() {
        Response r = mapper.internal(new IllegalStateException("bug"));
        assertEquals(500, r.getStatus());
        assertEquals(Map.of("status", "error", "errorType", "internal", "error", "bug"), body(r));
    }
}
