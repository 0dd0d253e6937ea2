package dev.vigil.logs.rest;

import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.Labels;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
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

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LokiApiTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final long t0 = (System.currentTimeMillis() - 60_000) * 1_000_000L;
    private boolean published;

    @BeforeEach
    void publish() throws Exception {
        if (published) {
            return;
        }
        published = true;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String os : List.of("linux", "windows")) {
                Labels l = Labels.of("app", "web", "os", os, "namespace", "shop");
                LogStream s = new LogStream(l, List.of(
                        new LogEntry(t0, "level=info msg=\"GET /\" status=200"),
                        new LogEntry(t0 + 1_000_000_000L, "level=error msg=\"GET /cart\" status=500")));
                p.send(new ProducerRecord<>(Topics.LOGS, SeriesHash.partition(l, 2), null, LogCodec.encode(List.of(s)))).get();
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().queryParam("query", "{app=\"web\"}").queryParam("start", t0).queryParam("end", t0 + 2_000_000_000L)
                        .get("/loki/api/v1/query_range").then().statusCode(200).body("data.result.size()", equalTo(2)));
    }

    @Test
    void streamSelectorReturnsStreamsNewestFirstInLokiJson() {
        given().queryParam("query", "{app=\"web\", os=\"windows\"}").queryParam("start", t0).queryParam("end", t0 + 2_000_000_000L)
                .get("/loki/api/v1/query_range")
                .then().statusCode(200)
                .body("status", equalTo("success"))
                .body("data.resultType", equalTo("streams"))
                .body("data.result[0].stream.os", equalTo("windows"))
                .body("data.result[0].values[0][0]", equalTo(Long.toString(t0 + 1_000_000_000L)))
                .body("data.result[0].values[0][1]", containsString("status=500"))
                .body("data.stats.summary.totalEntriesReturned", equalTo(2));
    }

    @Test
    void lineFilterAndMetricQueryWork() {
        given().queryParam("query", "{app=\"web\"} |= \"status=500\"").queryParam("start", t0).queryParam("end", t0 + 2_000_000_000L)
                .queryParam("direction", "forward")
                .get("/loki/api/v1/query_range").then().statusCode(200)
                .body("data.result.size()", equalTo(2))
                .body("data.result[0].values.size()", equalTo(1));
        given().queryParam("query", "sum(count_over_time({app=\"web\"} | logfmt | level=\"error\" [1m]))")
                .queryParam("time", t0 + 2_000_000_000L)
                .get("/loki/api/v1/query").then().statusCode(200)
                .body("data.resultType", equalTo("vector"))
                .body("data.result[0].value[1]", equalTo("2"));
    }

    @Test
    void labelsValuesAndSeriesListWhatWasPushed() {
        given().queryParam("start", t0 - 1).get("/loki/api/v1/labels").then().statusCode(200).body("data", hasItems("app", "os", "namespace"));
        given().queryParam("start", t0 - 1).get("/loki/api/v1/label/os/values").then().statusCode(200).body("data", hasItems("linux", "windows"));
        given().queryParam("match[]", "{os=\"linux\"}").queryParam("start", t0 - 1).get("/loki/api/v1/series")
                .then().statusCode(200).body("data[0].app", equalTo("web"));
    }

    @Test
    void timesWithHugeExponentsOrTooManyDigitsAre400AtOnce() {
        for (String t : new String[] {"1e200000000", "99999999999999999999999", "9999999999"}) {
            given().queryParam("query", "{app=\"web\"}").queryParam("start", t).get("/loki/api/v1/query_range")
                    .then().statusCode(400)
                    .body("code", equalTo(400))
                    .body("message", containsString("cannot parse \"" + t + "\" as a timestamp"));
        }
    }

    @Test
    void aRangeLongerThanMaxLengthIs400WithLokisMessage() {
        long end = 2_000_000_000L * 1_000_000_000L;
        given().queryParam("query", "{app=\"web\"}").queryParam("start", end - 722L * 3600 * 1_000_000_000L).queryParam("end", end)
                .get("/loki/api/v1/query_range").then().statusCode(400)
                .body("message", equalTo("the query time range exceeds the limit (query length: 722h0m0s, limit: 721h0m0s)"
                        + " (vigil.logs.query.max-length)"));
        given().queryParam("query", "{app=\"web\"}").queryParam("start", end - 720L * 3600 * 1_000_000_000L).queryParam("end", end)
                .get("/loki/api/v1/query_range").then().statusCode(200);
    }

    @Test
    void badQueryIs400WithLokiErrorJsonAndPosition() {
        given().queryParam("query", "{app=\"web\"} |= ").get("/loki/api/v1/query_range")
                .then().statusCode(400)
                .body("status", equalTo("error"))
                .body("code", equalTo(400))
                .body("message", containsString("parse error"));
    }

    @Test
    void formatQueryPrintsTheQueryBackOrRefusesItWithTheParseError() {
        given().queryParam("query", "sum by(app)(count_over_time({app=\"web\"}|=\"500\"[5m]))").get("/loki/api/v1/format_query")
                .then().statusCode(200).body("status", equalTo("success"))
                .body("data", equalTo(dev.vigil.logql.parser.Printer.print(dev.vigil.logql.parser.Parser.parse(
                        "sum by(app)(count_over_time({app=\"web\"}|=\"500\"[5m]))"))));
        given().queryParam("query", "{app=").get("/loki/api/v1/format_query").then().statusCode(400);
    }

    @Test
    void volumeIsBytesPerLabelSetFromTheIndexAsLokiAnswersIt() {
        long perStream = "level=info msg=\"GET /\" status=200".length() + "level=error msg=\"GET /cart\" status=500".length();
        long end = t0 + 2_000_000_000L;
        // grouped by the labels the query names
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0 - 1).queryParam("end", end)
                .get("/loki/api/v1/index/volume").then().statusCode(200)
                .body("data.resultType", equalTo("vector"))
                .body("data.result.size()", equalTo(1))
                .body("data.result[0].metric.app", equalTo("web"))
                .body("data.result[0].value[1]", equalTo(Long.toString(2 * perStream)));
        // by target labels, largest first, names breaking ties
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0 - 1).queryParam("end", end).queryParam("targetLabels", "os")
                .get("/loki/api/v1/index/volume").then().statusCode(200)
                .body("data.result.metric.os", equalTo(List.of("linux", "windows")))
                .body("data.result[1].value[1]", equalTo(Long.toString(perStream)));
        // by label name: every label of the streams, each with the bytes of the streams that have it
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0 - 1).queryParam("end", end).queryParam("aggregateBy", "labels")
                .get("/loki/api/v1/index/volume").then().statusCode(200)
                .body("data.result.size()", equalTo(3))
                .body("data.result[0].value[1]", equalTo(Long.toString(2 * perStream)));
        given().queryParam("query", "{app=\"web\"}").queryParam("aggregateBy", "pods").get("/loki/api/v1/index/volume").then().statusCode(400);
        // over time: one bucket per step, stamped 1 ms before its end
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0 - 1).queryParam("end", end).queryParam("step", "10m")
                .get("/loki/api/v1/index/volume_range").then().statusCode(200)
                .body("data.result[0].metric.app", equalTo("web"));
    }

    @Test
    void detectedLabelsListEachLabelWithItsCardinality() {
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0 - 1).queryParam("end", t0 + 2_000_000_000L)
                .get("/loki/api/v1/detected_labels").then().statusCode(200)
                .body("detectedLabels.label", equalTo(List.of("app", "namespace", "os")))
                .body("detectedLabels.find { it.label == 'os' }.cardinality", equalTo(2));
    }

    @Test
    void detectedFieldsAreWhatTheParsersFindBesidesTheStreamLabels() {
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0 - 1).queryParam("end", t0 + 2_000_000_000L)
                .get("/loki/api/v1/detected_fields").then().statusCode(200)
                .body("fields.label", equalTo(List.of("level", "msg", "status")))
                .body("fields.find { it.label == 'status' }.type", equalTo("int"))
                .body("fields.find { it.label == 'status' }.cardinality", equalTo(2))
                .body("fields.find { it.label == 'level' }.type", equalTo("string"))
                .body("fields.find { it.label == 'level' }.parsers", equalTo(List.of("logfmt")))
                .body("limit", equalTo(1000));
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0 - 1).queryParam("end", t0 + 2_000_000_000L)
                .get("/loki/api/v1/detected_field/level/values").then().statusCode(200)
                .body("values", hasItems("info", "error"));
        given().queryParam("query", "count_over_time({app=\"web\"}[1m])").get("/loki/api/v1/detected_fields").then().statusCode(400);
    }

    @Test
    void patternsGroupTheLinesWithTheirCountsPerStep() {
        given().queryParam("query", "{app=\"web\"}").queryParam("start", t0).queryParam("end", t0 + 2_000_000_000L)
                .queryParam("step", "1s")
                .get("/loki/api/v1/patterns").then().statusCode(200)
                .body("status", equalTo("success"))
                // a different first token is a different pattern (Drain's tree), each seen in both streams
                .body("data.pattern", equalTo(List.of("level=error msg=\"GET /cart\" status=500", "level=info msg=\"GET /\" status=200")))
                .body("data[0].samples", equalTo(List.of(List.of(Math.toIntExact(t0 / 1_000_000_000L + 1), 2))))
                .body("data[1].samples", equalTo(List.of(List.of(Math.toIntExact(t0 / 1_000_000_000L), 2))));
        given().queryParam("query", "rate({app=\"web\"}[1m])").get("/loki/api/v1/patterns").then().statusCode(400);
    }
}
