package dev.vigil.metrics.metadata;

import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.MetricMetadataRecord;
import dev.vigil.model.Topics;
import dev.vigil.model.wire.prometheus.MetricMetadata;
import dev.vigil.model.wire.prometheus.WriteRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Metric metadata shared through {@code vigil.metrics.metadata} on the real broker: what a
 * collector (or another instance) wrote there answers this instance's {@code /api/v1/metadata},
 * and what a remote-write sender described here is written there for the others.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class MetadataTopicTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void whatACollectorDescribedAnswersTheMetadataApi() throws Exception {
        MetricMetadataRecord r = new MetricMetadataRecord(dev.vigil.model.tenant.Tenants.DEFAULT, "node_pressure_cpu_waiting_seconds_total", "counter",
                "Total time in seconds that processes have waited for CPU time", "");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.METRIC_METADATA, r.key(), r.toJson())).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("metric", r.family()).get("/api/v1/metadata").then().statusCode(200)
                        .body("data." + r.family() + "[0].type", equalTo("counter"))
                        .body("data." + r.family() + "[0].help", equalTo(r.help())));
    }

    @Test
    void whatARemoteWriteSenderDescribedIsWrittenForTheOtherInstances() throws Exception {
        WriteRequest req = WriteRequest.newBuilder().addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("rw_meta_shared_total")
                .setType(MetricMetadata.MetricType.COUNTER).setHelp("Shared through Kafka.").setUnit("")).build();
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf").body(Snappy.compress(req.toByteArray()))
                .post("/api/v1/write").then().statusCode(204);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.METRIC_METADATA));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    MetricMetadataRecord m = MetricMetadataRecord.fromJson(rec.value());
                    if (m.family().equals("rw_meta_shared_total") && m.help().equals("Shared through Kafka.") && m.type().equals("counter")) {
                        return true;
                    }
                }
                return false;
            });
        }
    }
}
