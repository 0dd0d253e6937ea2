package dev.vigil.collector.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.collector.spool.DiskSpool;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import dev.vigil.kafka.client.BatchPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryTest {
    private static final Node BROKER = new Node(1, "localhost", 9092);

    @TempDir
    Path dir;

    @Test
    void onlyThePartitionThatFailedIsSpooledAndResentOnce() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(cluster(), false, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        // An hour between drains: this test drains by hand.
        try (Delivery delivery = new Delivery(new BatchPublisher(producer), t -> 2, DiskSpool.open(dir, 1 << 20),
                Duration.ofHours(1), Duration.ofHours(1))) {
            List<MetricSeries> batch = seriesInBothPartitions();
            var done = delivery.publishMetrics(batch).toCompletableFuture();
            assertEquals(2, producer.history().size());
            int failedPartition = producer.history().get(1).partition();
            producer.completeNext();
            producer.errorNext(new TimeoutException("expired"));
            done.get();

            assertTrue(delivery.spooling());
            assertEquals(1, delivery.spool().size());

            Thread drain = new Thread(delivery::drain);
            drain.start();
            Awaitility.await().until(() -> producer.history().size() == 3);
            producer.completeNext();
            drain.join();

            ProducerRecord<byte[], byte[]> resent = producer.history().get(2);
            assertEquals(failedPartition, resent.partition());
            assertEquals(inPartition(batch, failedPartition), MetricCodec.decode(resent.value()));
            assertEquals(0, delivery.spool().size());
            assertFalse(delivery.spooling());
            assertEquals(1, delivery.resentRecords());
        }
    }

    @Test
    void whileSpoolingNewBatchesGoToTheSpoolBehindOlderOnes() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(cluster(), false, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        try (Delivery delivery = new Delivery(new BatchPublisher(producer), t -> 2, DiskSpool.open(dir, 1 << 20),
                Duration.ofHours(1), Duration.ofHours(1))) {
            List<MetricSeries> first = List.of(series("a", 1));
            var done = delivery.publishMetrics(first).toCompletableFuture();
            producer.errorNext(new TimeoutException("expired"));
            done.get();
            delivery.publishMetrics(List.of(series("b", 2))).toCompletableFuture().get();

            assertEquals(1, producer.history().size(), "the second batch must not reach the producer while spooling");
            assertEquals(2, delivery.spool().size());
            assertEquals(2, delivery.spooledRecords());
        }
    }

    private static Cluster cluster() {
        List<PartitionInfo> parts = new ArrayList<>();
        for (String topic : List.of(Topics.METRICS, Topics.LOGS)) {
            for (int p = 0; p < 2; p++) {
                parts.add(new PartitionInfo(topic, p, BROKER, new Node[] {BROKER}, new Node[] {BROKER}));
            }
        }
        return new Cluster("test", List.of(BROKER), parts, java.util.Set.of(), java.util.Set.of());
    }

    private static MetricSeries series(String name, long t) {
        return new MetricSeries(Labels.of("__name__", "m", "s", name, "node", "n1", "os", "linux"), List.of(new Sample(t, t)));
    }

    /** Series until both partitions have at least one, so the batch becomes two Kafka records. */
    private static List<MetricSeries> seriesInBothPartitions() {
        List<MetricSeries> out = new ArrayList<>();
        boolean[] seen = new boolean[2];
        for (int i = 0; !(seen[0] && seen[1]); i++) {
            MetricSeries s = series("s" + i, 1000 + i);
            seen[SeriesHash.partition(s.labels(), 2)] = true;
            out.add(s);
        }
        return out;
    }

    private static List<MetricSeries> inPartition(List<MetricSeries> batch, int partition) {
        return batch.stream().filter(s -> SeriesHash.partition(s.labels(), 2) == partition).toList();
    }
}
