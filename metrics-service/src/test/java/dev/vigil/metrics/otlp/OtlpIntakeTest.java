package dev.vigil.metrics.otlp;

import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.kafka.client.DeadLetter;
import dev.vigil.model.Topics;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.vigil.metrics.otlp.OtlpProtos.attrs;
import static dev.vigil.metrics.otlp.OtlpProtos.point;
import static dev.vigil.metrics.otlp.OtlpProtos.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(OtlpIntakeTest.OtlpEnabled.class)
@QuarkusTestResource(KafkaTestResource.class)
class OtlpIntakeTest {
    private static final String TOPIC = "otlp_metrics";

    /** Switches the intake on. */
    public static class OtlpEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.metrics.otlp.enabled", "true");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void collectorRecordBecomesQueryableSeriesAndGarbageGoesToTheDeadLetterTopic() throws Exception {
        long t = System.currentTimeMillis() - 30_000;
        Metric counter = Metric.newBuilder().setName("checkout.orders").setUnit("{order}").setSum(Sum.newBuilder()
                .setIsMonotonic(true).setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(point(t, 7, "payment.method", "card"))
                .addDataPoints(point(t + 15_000, 9, "payment.method", "card"))).build();
        byte[] otlp = request(attrs("service.name", "checkout", "service.namespace", "shop",
                "service.instance.id", "checkout-1", "k8s.pod.name", "checkout-7d9"), counter).toByteArray();
        byte[] garbage = {(byte) 0xff, (byte) 0xff, 0x01};
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(TOPIC, garbage)).get();
            p.send(new ProducerRecord<>(TOPIC, otlp)).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .queryParam("query", "checkout_orders_total{job=\"shop/checkout\",instance=\"checkout-1\",payment_method=\"card\"}")
                .get("/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", equalTo("9")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .queryParam("query", "target_info{job=\"shop/checkout\"}").get("/api/v1/query")
                .then().statusCode(200).body("data.result[0].metric.k8s_pod_name", equalTo("checkout-7d9")));

        ConsumerRecord<byte[], byte[]> dead = deadLetterFrom(TOPIC);
        String reason = new String(dead.headers().lastHeader(DeadLetter.REASON_HEADER).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("ExportMetricsServiceRequest"), reason);
        assertTrue(java.util.Arrays.equals(garbage, dead.value()));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_metrics_otlp_deadletters_total 1.0"))
                .body(containsString("vigil_metrics_otlp_records_total 2.0"));
    }

    private ConsumerRecord<byte[], byte[]> deadLetterFrom(String sourceTopic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "otlp-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.DEADLETTER));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    Header source = r.headers().lastHeader(DeadLetter.SOURCE_TOPIC_HEADER);
                    if (source != null && sourceTopic.equals(new String(source.value(), StandardCharsets.UTF_8))) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no record from " + sourceTopic + " in " + Topics.DEADLETTER);
    }
}
