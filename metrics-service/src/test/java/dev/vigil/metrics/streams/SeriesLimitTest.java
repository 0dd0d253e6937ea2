package dev.vigil.metrics.streams;

import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The per-metric series limit rejects new series, and the rejection shows on /q/metrics. */
@QuarkusTest
@TestProfile(SeriesLimitTest.LimitOfThree.class)
class SeriesLimitTest {
    /** Three series per metric name and partition. */
    public static class LimitOfThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.metrics.storage.max-series-per-metric", "3");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void seriesPastTheLimitAreRejectedAndCounted() throws Exception {
        long t = System.currentTimeMillis() - 30_000;
        // Five series of one metric, all in partition 0, so one TSDB sees all five.
        List<MetricSeries> batch = new ArrayList<>();
        for (int i = 0; batch.size() < 5; i++) {
            Labels l = Labels.of("__name__", "limited", "i", Integer.toString(i));
            if (SeriesHash.partition(l, 2) == 0) {
                batch.add(new MetricSeries(l, List.of(new Sample(t, i), new Sample(t + 1000, i))));
            }
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.METRICS, 0, null, MetricCodec.encode(batch))).get();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(containsString("vigil_metrics_samples_rejected_total{reason=\"series_limit\"} 4.0"))
                        .body(containsString("vigil_metrics_samples_appended_total 6.0"))
                        .body(containsString("vigil_metrics_samples_ingested_total{result=\"series_limit\"} 4.0")));
        given().queryParam("query", "count(limited)").queryParam("time", (t + 1000) / 1000.0).get("/api/v1/query")
                .then().log().ifValidationFails().statusCode(200).body("data.result[0].value[1]", equalTo("3"));
    }
}
