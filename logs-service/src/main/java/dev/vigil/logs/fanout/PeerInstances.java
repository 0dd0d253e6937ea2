package dev.vigil.logs.fanout;

import dev.vigil.auth.ServiceCredential;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * The other instances of the logs service that own {@code vigil.logs} partitions right now, as
 * Kafka Streams' group metadata lists them by their {@code application.server}.
 */
@ApplicationScoped
public class PeerInstances {
    private final Instance<KafkaStreams> streams;
    private final LocalLogStores local;
    private final String self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final ServiceCredential credential;

    public PeerInstances(Instance<KafkaStreams> streams, LocalLogStores local, ObjectMapper json,
                         @ConfigProperty(name = "quarkus.kafka-streams.application-server") String self,
                         ServiceCredential credential) {
        this.streams = streams;
        this.local = local;
        this.json = json;
        this.self = self;
        this.credential = credential;
    }

    /** host:port of every other instance that owns at least one partition, sorted. */
    public List<String> hosts() {
        TreeSet<String> out = new TreeSet<>();
        try {
            for (StreamsMetadata m : streams.get().metadataForAllStreamsClients()) {
                String host = m.hostInfo().host() + ":" + m.hostInfo().port();
                if (!host.equals(self) && !m.topicPartitions().isEmpty() && !ownsAny(m)) {
                    out.add(host);
                }
            }
        } catch (InvalidStateStoreException e) {
            // Not started or rebalancing: no group metadata to go by, so only local partitions are read.
            return List.of();
        }
        return List.copyOf(out);
    }

    /**
     * Whether {@code m} lists a partition this instance owns, that is, describes this instance
     * itself: its advertised port may differ from the configured one (port 0 picks a free port).
     */
    private boolean ownsAny(StreamsMetadata m) {
        List<Integer> mine = local.partitions();
        return m.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.LOGS) && mine.contains(tp.partition()));
    }

    /** A source per other instance. */
    public List<LogSource> sources() {
        return List.copyOf(remotes());
    }

    /** A source per other instance, with what only instances answer (index statistics). */
    public List<RemoteLogSource> remotes() {
        return hosts().stream().map(h -> new RemoteLogSource(h, http, json, credential)).toList();
    }
}
