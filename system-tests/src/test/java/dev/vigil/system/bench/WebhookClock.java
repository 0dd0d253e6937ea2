package dev.vigil.system.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The webhook receiver of both sides: notes, per side and per {@code trial} label, when the first
 * firing notification arrived and the alert's {@code startsAt} (the evaluation that fired it).
 * The receipt time is taken before the body is read, on a pool thread, so one side's request
 * never delays the other's timestamp.
 */
final class WebhookClock implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Map<String, Receipt> receipts = new ConcurrentHashMap<>();

    /** When a trial's first firing notification of one side arrived, and the alert's startsAt. */
    record Receipt(Instant receivedAt, Instant startsAt) {
    }

    WebhookClock() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Side side : Side.values()) {
            server.createContext(side.hookPath(), ex -> record(side, ex));
        }
        server.setExecutor(pool);
        server.start();
    }

    String url(Side side) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + side.hookPath();
    }

    Optional<Receipt> receipt(Side side, String trial) {
        return Optional.ofNullable(receipts.get(key(side, trial)));
    }

    private void record(Side side, HttpExchange ex) throws IOException {
        Instant received = Instant.now();
        try (ex) {
            JsonNode payload = JSON.readTree(ex.getRequestBody());
            for (JsonNode alert : payload.path("alerts")) {
                if ("firing".equals(alert.path("status").asText())) {
                    String trial = alert.path("labels").path("trial").asText();
                    Instant startsAt = OffsetDateTime.parse(alert.path("startsAt").asText()).toInstant();
                    receipts.putIfAbsent(key(side, trial), new Receipt(received, startsAt));
                }
            }
            ex.sendResponseHeaders(200, -1);
        }
    }

    private static String key(Side side, String trial) {
        return side.name() + "/" + trial;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
