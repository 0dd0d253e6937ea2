package dev.vigil.metrics.it;

import dev.vigil.kafka.LocalKafka;
import dev.vigil.kafka.TestKafka;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end ingest rate of the packaged service, Kafka to queryable: loads {@code vigil.metrics}
 * with node-exporter-like scrapes (one record per node and partition per scrape), then starts the
 * service and times how long it takes until every sample is appended (appended samples are in
 * the head, so queryable). Arguments: [nodes=10] [series per node=1000] [scrapes=100] [partitions=2].
 * Needs {@code -Dmetrics.jar=metrics-service/target/quarkus-app/quarkus-run.jar}.
 */
public final class IngestThroughputBench {
    private static final Pattern APPENDED = Pattern.compile("(?m)^vigil_metrics_samples_appended_total\\s+([0-9.eE+]+)$");

    private IngestThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int perNode = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int scrapes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long total = (long) nodes * perNode * scrapes;
        Path dir = Files.createTempDirectory("vigil-ingest-bench");
        try (TestKafka kafka = TestKafka.start()) {
            LocalKafka.createVigilTopics(kafka.bootstrapServers(), partitions);
            long t0 = System.currentTimeMillis() - scrapes * 15_000L - 60_000;
            try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "8388608"), new ByteArraySerializer(), new ByteArraySerializer())) {
                Labels[][] labels = new Labels[nodes][perNode];
                for (int n = 0; n < nodes; n++) {
                    for (int s = 0; s < perNode; s++) {
                        labels[n][s] = Labels.of("__name__", "bench_metric_" + (s % 100), "node", "node-" + n, "os", "linux",
                                "series", Integer.toString(s));
                    }
                }
                for (int k = 0; k < scrapes; k++) {
                    for (int n = 0; n < nodes; n++) {
                        Map<Integer, List<MetricSeries>> byPartition = new TreeMap<>();
                        for (int s = 0; s < perNode; s++) {
                            // A counter-like value: increasing integers, as most node_exporter series are.
                            byPartition.computeIfAbsent(SeriesHash.partition(labels[n][s], partitions), x -> new ArrayList<>())
                                    .add(new MetricSeries(labels[n][s], List.of(new Sample(t0 + k * 15_000L, (double) k * (s % 7)))));
                        }
                        byPartition.forEach((part, batch) -> p.send(new ProducerRecord<>(Topics.METRICS, part, null, MetricCodec.encode(batch))));
                    }
                }
                p.flush();
            }
            try (ServiceProcess service = new ServiceProcess(dir, kafka.bootstrapServers(), Map.of())) {
                long start = System.nanoTime();
                service.start();
                long ready = System.nanoTime();
                double appended = 0;
                while (appended < total) {
                    Thread.sleep(100);
                    Matcher m = APPENDED.matcher(service.get("/q/metrics").orElse(""));
                    appended = m.find() ? Double.parseDouble(m.group(1)) : 0;
                }
                long done = System.nanoTime();
                double fromReady = (done - ready) / 1e9;
                System.out.printf("samples %d (%d series x %d scrapes, %d partitions)%n", total, (long) nodes * perNode, scrapes, partitions);
                System.out.printf("start to ready %.1f s; ready to all appended %.1f s: %.0f samples/s%n",
                        (ready - start) / 1e9, fromReady, total / fromReady);
                System.out.printf("start to all appended %.1f s: %.0f samples/s%n", (done - start) / 1e9, total / ((done - start) / 1e9));
            }
        }
    }
}
