package dev.vigil.logs.ingest;

import com.google.protobuf.Timestamp;
import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.wire.loki.EntryAdapter;
import dev.vigil.model.wire.loki.PushRequest;
import dev.vigil.model.wire.loki.StreamAdapter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class PushTest {
    private final long t = (System.currentTimeMillis() - 30_000) * 1_000_000L;

    @Test
    void jsonPushWithStructuredMetadataIsQueryable() {
        String body = "{\"streams\":[{\"stream\":{\"job\":\"push-json\",\"os\":\"windows\"},\"values\":[[\"" + t
                + "\",\"hello from json\",{\"trace_id\":\"abc\"}]]}]}";
        given().contentType("application/json").body(body).post("/loki/api/v1/push").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "{job=\"push-json\"} | trace_id=\"abc\"").queryParam("start", t - 1).queryParam("end", t + 1)
                        .get("/loki/api/v1/query_range").then().statusCode(200)
                        .body("data.result[0].values[0][1]", equalTo("hello from json")));
    }

    @Test
    void snappyProtobufPushAsPromtailSendsIsQueryable() throws Exception {
        PushRequest req = PushRequest.newBuilder().addStreams(StreamAdapter.newBuilder()
                .setLabels("{job=\"push-proto\", host=\"win-1\"}")
                .addEntries(EntryAdapter.newBuilder().setLine("hello from promtail")
                        .setTimestamp(Timestamp.newBuilder().setSeconds(t / 1_000_000_000L).setNanos((int) (t % 1_000_000_000L))))).build();
        given().contentType("application/x-protobuf").body(Snappy.compress(req.toByteArray()))
                .post("/loki/api/v1/push").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "{job=\"push-proto\"}").queryParam("start", t - 1).queryParam("end", t + 1)
                        .get("/loki/api/v1/query_range").then().statusCode(200)
                        .body("data.result[0].stream.host", equalTo("win-1"))
                        .body("data.result[0].values[0][0]", equalTo(Long.toString(t))));
    }

    @Test
    void aSnappyBlockDeclaringTwoGibibytesIs400NamingTheLimit() {
        // six bytes whose preamble declares 2 GiB: snappy allocates the declared size before reading on
        byte[] bomb = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x00};
        given().contentType("application/x-protobuf").body(bomb)
                .post("/loki/api/v1/push").then().statusCode(400)
                .body("message", containsString("2147483648 bytes, over the limit of 104857600 bytes (vigil.logs.push-max-decompressed-bytes)"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void badPushBodiesAre400WithAReason() {
        given().contentType("application/json").body("{\"streams\":[{\"stream\":{},\"values\":[[\"1\",\"x\"]]}]}")
                .post("/loki/api/v1/push").then().statusCode(400).body("message", containsString("at least one label"));
        given().contentType("application/json").body("{\"streams\":[{\"stream\":{\"a\":\"b\"},\"values\":[[\"yesterday\",\"x\"]]}]}")
                .post("/loki/api/v1/push").then().statusCode(400).body("message", containsString("nanoseconds"));
        given().contentType("application/x-protobuf").body("not snappy".getBytes())
                .post("/loki/api/v1/push").then().statusCode(400).body("message", containsString("snappy"));
    }

    private static String json(String labels, String ts, String line) {
        return "{\"streams\":[{\"stream\":" + labels + ",\"values\":[[\"" + ts + "\",\"" + line + "\"]]}]}";
    }

    @Test
    void streamsBeyondLokisLimitsAre400WithLokisMessage() {
        String now = Long.toString(System.currentTimeMillis() * 1_000_000L);
        given().contentType("application/json").body(json("{\"bad label!\":\"x\"}", now, "l"))
                .post("/loki/api/v1/push").then().statusCode(400).body(containsString("invalid label name \\\"bad label!\\\""));
        given().contentType("application/json").body(json("{\"job\":\"x\"}", "-5", "l"))
                .post("/loki/api/v1/push").then().statusCode(400).body(containsString("has timestamp too old"));
        // a 1.5 MB line was a 503 (Kafka's RecordTooLarge), which Promtail retries forever
        given().contentType("application/json").body(json("{\"job\":\"x\"}", now, "y".repeat(1_500_000)))
                .post("/loki/api/v1/push").then().statusCode(400)
                .body(containsString("Max entry size '262144' bytes exceeded"));
        given().contentType("application/json").body(json("{\"job\":\"" + "v".repeat(2049) + "\"}", now, "l"))
                .post("/loki/api/v1/push").then().statusCode(400).body(containsString("has label value too long"));
        StringBuilder many = new StringBuilder("{\"job\":\"x\"");
        for (int i = 0; i < 15; i++) {
            many.append(",\"l").append(i).append("\":\"v\"");
        }
        given().contentType("application/json").body(json(many.append('}').toString(), now, "l"))
                .post("/loki/api/v1/push").then().statusCode(400).body(containsString("has 16 label names; limit 15"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aPushLargerThanAKafkaRecordIsSplitAndStoredWhole() {
        long t = System.currentTimeMillis() * 1_000_000L - 5_000_000_000L;
        StringBuilder body = new StringBuilder("{\"streams\":[{\"stream\":{\"job\":\"push-split\"},\"values\":[");
        for (int i = 0; i < 12_000; i++) {
            body.append(i == 0 ? "" : ",").append("[\"").append(t + i).append("\",\"entry ").append(i).append(' ')
                    .append("q".repeat(200)).append("\"]");
        }
        body.append("]}]}");
        given().contentType("application/json").body(body.toString()).post("/loki/api/v1/push").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "sum(count_over_time({job=\"push-split\"}[1h]))")
                        .queryParam("time", Long.toString(t + 60_000_000_000L))
                        .get("/loki/api/v1/query").then().statusCode(200).body("data.result[0].value[1]", equalTo("12000")));
    }
}
