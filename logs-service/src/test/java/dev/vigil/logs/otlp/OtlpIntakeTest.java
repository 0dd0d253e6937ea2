package dev.vigil.logs.otlp;

import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.kafka.client.DeadLetter;
import dev.vigil.model.Topics;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.vigil.logs.otlp.OtlpLogsTranslatorTest.attrs;
import static dev.vigil.logs.otlp.OtlpLogsTranslatorTest.line;
import static dev.vigil.logs.otlp.OtlpLogsTranslatorTest.request;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@TestProfile(OtlpIntakeTest.OtlpEnabled.class)
@QuarkusTestResource(KafkaTestResource.class)
class OtlpIntakeTest {
    private static final String TOPIC = "otlp_logs";

    /** Switches the intake on. */
    public static class OtlpEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.logs.otlp.enabled", "true");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void collectorRecordBecomesQueryableLinesAndGarbageGoesToTheDeadLetterTopic() throws Exception {
        long t = (System.currentTimeMillis() - 30_000) * 1_000_000L;
        LogRecord r = line("payment failed").setTimeUnixNano(t).setSeverityText("ERROR").build();
        byte[] otlp = request(attrs("service.name", "checkout", "k8s.namespace.name", "shop", "host.name", "n1"),
                InstrumentationScope.getDefaultInstance(), r).toByteArray();
        byte[] garbage = {(byte) 0xff, (byte) 0xff, 0x01};
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(TOPIC, garbage)).get();
            p.send(new ProducerRecord<>(TOPIC, otlp)).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .queryParam("query", "{service_name=\"checkout\", k8s_namespace_name=\"shop\"} | severity_text=\"ERROR\" | host_name=\"n1\"")
                .queryParam("start", t - 1).queryParam("end", t + 1)
                .get("/loki/api/v1/query_range").then().statusCode(200)
                .body("data.result[0].values[0][0]", equalTo(Long.toString(t)))
                .body("data.result[0].values[0][1]", equalTo("payment failed")));

        ConsumerRecord<byte[], byte[]> dead = deadLetterFrom(TOPIC);
        String reason = new String(dead.headers().lastHeader(DeadLetter.REASON_HEADER).value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("ExportLogsServiceRequest"), reason);
        assertTrue(Arrays.equals(garbage, dead.value()));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_logs_otlp_deadletters_total 1.0"))
                .body(containsString("vigil_logs_otlp_lines_total 1.0"));
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
