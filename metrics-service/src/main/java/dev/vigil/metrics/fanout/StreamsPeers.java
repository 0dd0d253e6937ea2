package dev.vigil.metrics.fanout;

import dev.vigil.model.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Peers from Kafka Streams' own metadata: every client of the application that owns partitions
 * of the store other than this instance's. This instance is recognised by the partitions its own
 * threads run and the partitions whose stores it has open (a task still being restored belongs to
 * no thread yet), not by its advertised address, which may be a wildcard or a port chosen at start.
 */
public final class StreamsPeers implements PeerDirectory {
    private final KafkaStreams streams;
    private final String store;
    private final Supplier<List<Integer>> openPartitions;

    /** {@code openPartitions}: the {@code vigil.metrics} partitions whose stores are open here. */
    public StreamsPeers(KafkaStreams streams, String store, Supplier<List<Integer>> openPartitions) {
        this.streams = streams;
        this.store = store;
        this.openPartitions = openPartitions;
    }

    @Override
    public List<String> peers() {
        try {
            Set<TopicPartition> mine = new HashSet<>();
            for (int p : openPartitions.get()) {
                mine.add(new TopicPartition(Topics.METRICS, p));
            }
            for (ThreadMetadata t : streams.metadataForLocalThreads()) {
                for (TaskMetadata task : t.activeTasks()) {
                    mine.addAll(task.topicPartitions());
                }
            }
            List<String> out = new ArrayList<>();
            for (StreamsMetadata m : streams.streamsMetadataForStore(store)) {
                if (!m.topicPartitions().isEmpty() && m.topicPartitions().stream().noneMatch(mine::contains)) {
                    out.add(m.hostInfo().host() + ":" + m.hostInfo().port());
                }
            }
            return out;
        } catch (StreamsNotStartedException e) {
            // Before the first assignment nobody owns anything yet: the local view is all there is.
            return List.of();
        }
    }
}
