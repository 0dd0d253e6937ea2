package dev.vigil.metrics.fanout;

import dev.vigil.auth.ServiceCredential;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.kafka.streams.IngestCounters;
import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.metrics.streams.TopologyProducer;
import dev.vigil.tsdb.AppendResult;
import dev.vigil.tsdb.TsdbOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A second metrics-service instance inside the test JVM: the same topology under the same
 * application id (so Kafka splits the partitions between it and the Quarkus app), its own state
 * dir, and a small HTTP server carrying the internal API on the port it advertises.
 */
final class SecondInstance implements AutoCloseable {
    private final LocalTsdbs local = new LocalTsdbs();
    private final HttpServer http;
    private final KafkaStreams streams;
    private final FanoutStorage all;

    SecondInstance(String bootstrap, String applicationId, Path stateDir) {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InternalApi api = new InternalApi(local);
        http.createContext(InternalApi.SELECT, ex -> answer(ex, api::select));
        http.createContext(InternalApi.LABEL_NAMES, ex -> answer(ex, api::labelNames));
        http.createContext(InternalApi.LABEL_VALUES, ex -> answer(ex, api::labelValues));
        http.createContext(InternalApi.EVALUATE, ex -> answer(ex, api::evaluate));
        http.start();
        HostInfo self = new HostInfo("127.0.0.1", http.getAddress().getPort());

        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        p.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, Long.toString(Long.MAX_VALUE)); // as the service configures it
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), "10000");
        streams = new KafkaStreams(TopologyProducer.topology(TsdbOptions.DEFAULTS, local, new IngestCounters<>(AppendResult.class), Duration.ofSeconds(5),
                Duration.ofMinutes(5)), p);
        streams.start();
        all = new FanoutStorage(local, new StreamsPeers(streams, TopologyProducer.STORE, local::partitions), new PeerClient(Duration.ofSeconds(10), ServiceCredential.none()));
    }

    /** What a query on this instance reads: its partitions and its peers'. */
    FanoutStorage storage() {
        return all;
    }

    LocalTsdbs local() {
        return local;
    }

    KafkaStreams streams() {
        return streams;
    }

    private static void answer(HttpExchange ex, UnaryOperator<byte[]> op) throws IOException {
        byte[] out;
        int status = 200;
        try {
            out = op.apply(ex.getRequestBody().readAllBytes());
        } catch (IllegalArgumentException e) {
            status = 400;
            out = e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        http.stop(0);
    }
}
