package dev.vigil.logs.rest;

import dev.vigil.logql.storage.BudgetedSource;
import dev.vigil.logs.fanout.PeerUnavailableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every failure leaves in Loki's error shape; only a bug is a 500. */
class LokiErrorMapperTest {
    private final LokiErrorMapper mapper = new LokiErrorMapper();

    @Test
    void aStackOverflowIsTheQuerysFaultNotACrash() {
        Response r = mapper.stackOverflow(new StackOverflowError());
        assertEquals(400, r.getStatus());
        assertEquals(400, ((Map<?, ?>) r.getEntity()).get("code"));
    }

    @Test
    void responsesChosenByAResourceAreKeptAndBugsAre500InTheSameShape() {
        assertEquals(404, mapper.web(new NotFoundException()).getStatus());
        Response r = mapper.internal(new IllegalStateException("bug"));
        assertEquals(500, r.getStatus());
        assertEquals(Map.of("code", 500, "status", "error", "message", "bug"), r.getEntity());
    }

    @Test
    void aQueryOutOfTimeIs503AndOneOutOfBytesIs400() {
        assertEquals(503, mapper.budget(new BudgetedSource.QueryLimitException("query timed out", true)).getStatus());
        assertEquals(400, mapper.budget(new BudgetedSource.QueryLimitException("too many bytes", false)).getStatus());
    }

    @Test
    void anInstanceThatDoesNotAnswerIs503() {
        Response r = mapper.peerUnavailable(new PeerUnavailableException("instance 10.0.0.7:3100 did not answer /streams", null));
        assertEquals(503, r.getStatus());
        assertEquals("instance 10.0.0.7:3100 did not answer /streams", ((Map<?, ?>) r.getEntity()).get("message"));
    }
}
