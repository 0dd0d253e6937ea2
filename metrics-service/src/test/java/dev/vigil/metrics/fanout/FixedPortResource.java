package dev.vigil.metrics.fanout;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Gives the Quarkus test app a known free HTTP port and advertises it to Kafka Streams as
 * {@code application.server}, so peers can reach its internal API.
 */
public class FixedPortResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.http.test-port", Integer.toString(port),
                "quarkus.kafka-streams.application-server", "127.0.0.1:" + port);
    }

    @Override
    public void stop() {
    }
}
