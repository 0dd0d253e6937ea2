package dev.vigil.metrics.rest;

import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.SeriesHash;
import dev.vigil.model.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.vigil.model.wire.prometheus.Query;
import dev.vigil.model.wire.prometheus.ReadRequest;
import dev.vigil.model.wire.prometheus.ReadResponse;
import org.xerial.snappy.Snappy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusApiTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final long t0 = System.currentTimeMillis() - 60_000;

    private boolean published;

    /** Once per class, but after Quarkus has pointed RestAssured at the test port. */
    @BeforeEach
    void publish() throws Exception {
        if (published) {
            return;
        }
        published = true;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String node : List.of("linux-1", "win-1")) {
                Labels l = Labels.of("__name__", "node_memory_MemTotal_bytes", "node", node, "os", node.startsWith("win") ? "windows" : "linux");
                byte[] v = MetricCodec.encode(List.of(new MetricSeries(l, List.of(new Sample(t0, 8e9), new Sample(t0 + 15_000, 8e9)))));
                p.send(new ProducerRecord<>(Topics.METRICS, SeriesHash.partition(l, 2), null, v)).get();
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().queryParam("query", "node_memory_MemTotal_bytes").get("/api/v1/query")
                        .then().statusCode(200).body("data.result.size()", equalTo(2)));
    }

    @Test
    void instantSelectorWithMatcherAnswersInPrometheusJson() {
        given().formParam("query", "node_memory_MemTotal_bytes{os=\"windows\"}").post("/api/v1/query")
                .then().statusCode(200)
                .body("status", equalTo("success"))
                .body("data.resultType", equalTo("vector"))
                .body("data.result[0].metric.node", equalTo("win-1"))
                .body("data.result[0].value[1]", equalTo("8000000000"));
    }

    @Test
    void aLongPostedQueryIsAnswered() {
        // Grafana POSTs long queries; Quarkus' 2 KiB form attribute limit answered these 413
        StringBuilder nodes = new StringBuilder("win-1");
        for (int i = 0; i < 600; i++) {
            nodes.append("|other-node-").append(i);
        }
        String q = "node_memory_MemTotal_bytes{os=\"windows\", node=~\"" + nodes + "\"}";
        given().formParam("query", q).post("/api/v1/query")
                .then().statusCode(200).body("data.result[0].value[1]", equalTo("8000000000"));
    }

    @Test
    void rangeQueryReturnsAMatrix() {
        given().queryParam("query", "sum(node_memory_MemTotal_bytes)")
                .queryParam("start", (t0 + 15_000) / 1000.0).queryParam("end", (t0 + 45_000) / 1000.0).queryParam("step", "15s")
                .get("/api/v1/query_range")
                .then().statusCode(200)
                .body("data.resultType", equalTo("matrix"))
                .body("data.result[0].values.size()", equalTo(3))
                .body("data.result[0].values[0][1]", equalTo("16000000000"));
    }

    /** With stats=all, as Grafana's query inspector asks, the answer says what the query read. */
    @Test
    void statsTellTheSamplesARangeQueryRead() {
        given().queryParam("query", "sum(node_memory_MemTotal_bytes)").queryParam("stats", "all")
                .queryParam("start", (t0 + 15_000) / 1000.0).queryParam("end", (t0 + 45_000) / 1000.0).queryParam("step", "15s")
                .get("/api/v1/query_range")
                .then().statusCode(200)
                .body("data.result[0].values.size()", equalTo(3))
                .body("data.stats.samples.totalQueryableSamples", equalTo(4)) // two series of two samples, each read once
                .body("data.stats.samples.rollupSamples", equalTo(0))
                .body("data.stats.timings.evalTotalTime", notNullValue());
        given().queryParam("query", "node_memory_MemTotal_bytes").get("/api/v1/query")
                .then().statusCode(200).body("data.stats", nullValue());
    }

    @Test
    void labelsSeriesAndValuesListWhatWasIngested() {
        given().get("/api/v1/labels").then().statusCode(200).body("data", hasItems("__name__", "node", "os"));
        given().get("/api/v1/label/os/values").then().statusCode(200).body("data", hasItems("linux", "windows"));
        given().queryParam("match[]", "{os=\"linux\"}").get("/api/v1/series")
                .then().statusCode(200).body("data[0].node", equalTo("linux-1"));
    }

    @Test
    void federateGivesEachSelectedSeriesLatestSampleInTheTextFormat() {
        String body = given().queryParam("match[]", "node_memory_MemTotal_bytes").queryParam("match[]", "{os=\"windows\"}")
                .get("/federate").then().statusCode(200)
                .header("Content-Type", containsString("text/plain; version=0.0.4"))
                .extract().asString();
        long t = t0 + 15_000;
        assertEquals("# TYPE node_memory_MemTotal_bytes untyped\n"
                + "node_memory_MemTotal_bytes{node=\"linux-1\",os=\"linux\"} 8e+09 " + t + "\n"
                + "node_memory_MemTotal_bytes{node=\"win-1\",os=\"windows\"} 8e+09 " + t + "\n", body);
        // no match[]: nothing, as Prometheus answers
        assertEquals("", given().get("/federate").then().statusCode(200).extract().asString());
        given().queryParam("match[]", "rate(x[5m])").get("/federate").then().statusCode(400)
                .body("errorType", equalTo("bad_data"));
    }

    @Test
    void remoteReadAnswersSamplesAsPrometheusAsksForThem() throws Exception {
        ReadRequest request = ReadRequest.newBuilder().addQueries(Query.newBuilder()
                .setStartTimestampMs(t0 - 1000).setEndTimestampMs(System.currentTimeMillis())
                .addMatchers(dev.vigil.model.wire.prometheus.LabelMatcher.newBuilder().setName("__name__").setValue("node_memory_MemTotal_bytes"))
                .addMatchers(dev.vigil.model.wire.prometheus.LabelMatcher.newBuilder()
                        .setType(dev.vigil.model.wire.prometheus.LabelMatcher.Type.RE).setName("os").setValue("win.*")))
                .build();
        byte[] answer = given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(Snappy.compress(request.toByteArray())).post("/api/v1/read")
                .then().statusCode(200).header("Content-Encoding", "snappy").extract().asByteArray();
        ReadResponse response = ReadResponse.parseFrom(Snappy.uncompress(answer));
        assertEquals(1, response.getResultsCount());
        assertEquals(1, response.getResults(0).getTimeseriesCount());
        var series = response.getResults(0).getTimeseries(0);
        assertEquals("win-1", series.getLabelsList().stream().filter(l -> l.getName().equals("node")).findFirst().orElseThrow().getValue());
        assertEquals(List.of(t0, t0 + 15_000), series.getSamplesList().stream().map(x -> x.getTimestamp()).toList());
        assertEquals(8e9, series.getSamples(1).getValue());
        // only streamed chunks accepted: refused, not half-answered
        ReadRequest streamed = request.toBuilder().addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS).build();
        given().body(Snappy.compress(streamed.toByteArray())).post("/api/v1/read").then().statusCode(400)
                .body(containsString("SAMPLES"));
        given().body(new byte[] {1, 2, 3}).post("/api/v1/read").then().statusCode(400);
    }

    @Test
    void targetsListWhatTheCollectorsScrapeFromTheirUpSeries() throws Exception {
        long now = System.currentTimeMillis();
        Labels up = Labels.of("__name__", "up", "job", "app", "instance", "10.0.0.5:8080", "node", "linux-1");
        Labels down = Labels.of("__name__", "up", "job", "db", "instance", "10.0.0.6:9187", "node", "linux-1");
        Labels took = Labels.of("__name__", "scrape_duration_seconds", "job", "app", "instance", "10.0.0.5:8080", "node", "linux-1");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (MetricSeries s : List.of(new MetricSeries(up, List.of(new Sample(now - 30_000, 1), new Sample(now - 15_000, 1))),
                    new MetricSeries(down, List.of(new Sample(now - 15_000, 0))),
                    new MetricSeries(took, List.of(new Sample(now - 30_000, 0.5), new Sample(now - 15_000, 0.25))))) {
                p.send(new ProducerRecord<>(Topics.METRICS, SeriesHash.partition(s.labels(), 2), null, MetricCodec.encode(List.of(s)))).get();
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/v1/targets").then().statusCode(200)
                        .body("status", equalTo("success"))
                        .body("data.activeTargets.size()", equalTo(2))
                        .body("data.activeTargets[0].scrapePool", equalTo("app"))
                        .body("data.activeTargets[0].health", equalTo("up"))
                        .body("data.activeTargets[0].labels.instance", equalTo("10.0.0.5:8080"))
                        .body("data.activeTargets[0].scrapeInterval", equalTo("15s"))
                        .body("data.activeTargets[0].lastScrapeDuration", equalTo(0.25f))
                        .body("data.activeTargets[1].health", equalTo("down"))
                        .body("data.droppedTargets.size()", equalTo(0)));
        given().queryParam("scrapePool", "db").get("/api/v1/targets").then().body("data.activeTargets.size()", equalTo(1));
        given().queryParam("state", "dropped").get("/api/v1/targets").then().body("data.activeTargets.size()", equalTo(0));
    }

    @Test
    void badQueryIs400BadDataWithThePosition() {
        given().queryParam("query", "sum(rate(x[5m]) +").get("/api/v1/query")
                .then().statusCode(400)
                .body("status", equalTo("error"))
                .body("errorType", equalTo("bad_data"))
                .body("error", containsString("1:"));
    }

    @Test
    void badTimeAndStepAre400() {
        given().queryParam("query", "up").queryParam("time", "yesterday").get("/api/v1/query")
                .then().statusCode(400).body("errorType", equalTo("bad_data"));
        given().queryParam("query", "up").queryParam("start", "1").queryParam("end", "100000").queryParam("step", "1ms")
                .get("/api/v1/query_range").then().statusCode(400).body("error", containsString("11,000 points"));
    }

    @Test
    void aRangeWhoseSpanOverflowsIsTheResolutionError() {
        // end - start overflowed a long: the check passed and the grid size was negative (422 NegativeArraySizeException)
        given().queryParam("query", "up").queryParam("start", "-9223372036854775").queryParam("end", "9223372036854775")
                .queryParam("step", "1").get("/api/v1/query_range")
                .then().statusCode(400).body("errorType", equalTo("bad_data")).body("error", containsString("11,000 points"));
    }

    @Test
    void aSubqueryWithTooManyStepsIs422BeforeAllocating() {
        given().queryParam("query", "count_over_time(vector(1)[365d:1ms])").queryParam("time", "1000")
                .get("/api/v1/query")
                .then().statusCode(422).body("errorType", equalTo("execution"))
                .body("error", containsString("too many samples"));
        given().queryParam("query", "1").get("/api/v1/query").then().statusCode(200);
    }

    @Test
    void timesWithHugeExponentsAre400AtOnce() {
        // new BigDecimal("1e200000000") scaled to milliseconds took minutes of CPU before
        for (String t : new String[] {"1e200000000", "-1e200000000", "1e19"}) {
            given().queryParam("query", "up").queryParam("time", t).get("/api/v1/query")
                    .then().statusCode(400).body("errorType", equalTo("bad_data"))
                    .body("error", containsString("cannot parse \"" + t + "\" to a valid timestamp"));
        }
        given().queryParam("query", "up").queryParam("time", "1e-200000000").get("/api/v1/query")
                .then().statusCode(200).body("data.resultType", equalTo("vector"));
    }

    @Test
    void buildinfoAndFormatQueryAnswerLikePrometheus() {
        given().get("/api/v1/status/buildinfo").then().statusCode(200).body("data.version", equalTo("2.42.0"));
        given().queryParam("query", "sum by(job)(rate(x[5m]))").get("/api/v1/format_query")
                .then().statusCode(200).body("data", equalTo("sum by (job) (rate(x[5m]))"));
    }
}
