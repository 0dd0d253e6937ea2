package dev.vigil.metrics.fanout;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.value.Vector;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on a four-partition topic: the Quarkus app and a second in-process instance.
 * Each owns a share of the series, and each answers with every series.
 */
@QuarkusTest
@TestProfile(TwoInstancesProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanoutTest {
    private static final int PARTITIONS = 4;
    private static final int SERIES = 16;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.kafka-streams.application-id")
    String applicationId;

    @Inject
    KafkaStreams streams;

    @Inject
    LocalTsdbs quarkusLocal;

    private SecondInstance second;
    private final long t0 = System.currentTimeMillis() - 60_000;

    @BeforeEach
    void startSecondInstanceAndPublish() throws Exception {
        if (second != null) {
            return;
        }
        second = new SecondInstance(bootstrap, applicationId, Files.createTempDirectory("vigil-second-instance"));
        // Publish only once both own partitions: a partition that moves later starts from its
        // committed offset on an empty store.
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> bothOwnPartitions(streams.metadataForAllStreamsClients())
                && bothOwnPartitions(second.streams().metadataForAllStreamsClients())
                && streams.state() == KafkaStreams.State.RUNNING && second.streams().state() == KafkaStreams.State.RUNNING);
        TreeSet<Integer> partitions = new TreeSet<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < SERIES; i++) {
                Labels l = Labels.of("__name__", "fanout_test", "series", Integer.toString(i));
                int partition = SeriesHash.partition(l, PARTITIONS);
                partitions.add(partition);
                byte[] v = MetricCodec.encode(List.of(new MetricSeries(l, List.of(new Sample(t0, i), new Sample(t0 + 15_000, i)))));
                p.send(new ProducerRecord<>(Topics.METRICS, partition, null, v)).get();
            }
        }
        assertEquals(PARTITIONS, partitions.size(), "the test series must cover every partition");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                localSeries(second.local()) + localSeries(quarkusLocal) == SERIES);
    }

    @AfterAll
    void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void eachInstanceOwnsOnlyAShareOfTheSeries() {
        assertTrue(localSeries(second.local()) > 0 && localSeries(second.local()) < SERIES, "second instance holds " + localSeries(second.local()));
    }

    @Test
    void theQuarkusInstanceAnswersWithTheSeriesOfEveryPartition() {
        given().queryParam("query", "count(fanout_test)").queryParam("time", (t0 + 15_000) / 1000.0).get("/api/v1/query")
                .then().statusCode(200).body("data.result[0].value[1]", equalTo(Integer.toString(SERIES)));
        given().queryParam("query", "sum(fanout_test)").queryParam("time", (t0 + 15_000) / 1000.0).get("/api/v1/query")
                .then().statusCode(200).body("data.result[0].value[1]", equalTo("120"));
        given().get("/api/v1/label/series/values").then().statusCode(200).body("data.size()", equalTo(SERIES))
                .body("data", hasItems("0", "15"));
        given().queryParam("match[]", "fanout_test").get("/api/v1/series").then().statusCode(200).body("data.size()", equalTo(SERIES));
    }

    @Test
    void theSecondInstanceAnswersWithTheSeriesOfEveryPartition() {
        Engine engine = new Engine(EngineOptions.defaults());
        Vector count = (Vector) engine.instantQuery(second.storage(), "count(fanout_test)", t0 + 15_000).value();
        assertEquals(SERIES, count.samples().get(0).value());
        Vector sum = (Vector) engine.instantQuery(second.storage(), "sum(fanout_test)", t0 + 15_000).value();
        assertEquals(120.0, sum.samples().get(0).value());
        assertEquals(SERIES, second.storage().labelValues("series", t0, t0 + 15_000, List.of()).size());
        assertTrue(second.storage().labelNames(t0, t0 + 15_000, List.of()).contains("series"));
    }

    @Test
    void rangeFunctionsAreComputedWhereTheSeriesAreAndMerged() {
        double at = (t0 + 15_000) / 1000.0;
        // each series i has the samples i and i: sum_over_time is 2i on whichever instance holds it
        given().queryParam("query", "count(sum_over_time(fanout_test[1m]))").queryParam("time", at).get("/api/v1/query")
                .then().statusCode(200).body("data.result[0].value[1]", equalTo(Integer.toString(SERIES)));
        given().queryParam("query", "sum(sum_over_time(fanout_test[1m]))").queryParam("time", at).get("/api/v1/query")
                .then().statusCode(200).body("data.result[0].value[1]", equalTo("240"));
        given().queryParam("query", "max_over_time(fanout_test[1m])").queryParam("start", t0 / 1000.0).queryParam("end", at)
                .queryParam("step", "15").get("/api/v1/query_range")
                .then().statusCode(200).body("data.result.size()", equalTo(SERIES))
                .body("data.result.find { it.metric.series == '15' }.values.size()", equalTo(2))
                .body("data.result.find { it.metric.series == '15' }.values[1][1]", equalTo("15"));
        // and from the second instance, which pushes to the Quarkus one
        Engine engine = new Engine(EngineOptions.defaults());
        Vector sum = (Vector) engine.instantQuery(second.storage(), "sum(sum_over_time(fanout_test[1m]))", t0 + 15_000).value();
        assertEquals(240.0, sum.samples().get(0).value());
        Vector rate = (Vector) engine.instantQuery(second.storage(), "count(rate(fanout_test[1m]) == 0)", t0 + 15_000).value();
        assertEquals(SERIES, rate.samples().get(0).value(), "a constant series' rate is 0 on every instance");
    }

    private static boolean bothOwnPartitions(Collection<StreamsMetadata> clients) {
        return clients.size() == 2 && clients.stream().allMatch(m -> !m.topicPartitions().isEmpty());
    }

    /** Series of fanout_test held by one instance's own partitions. */
    private long localSeries(LocalTsdbs local) {
        return local.select(t0, t0 + 15_000, List.of(LabelMatcher.equal("__name__", "fanout_test"))).size();
    }
}
