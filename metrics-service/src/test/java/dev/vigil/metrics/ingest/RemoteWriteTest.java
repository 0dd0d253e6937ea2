package dev.vigil.metrics.ingest;

import dev.vigil.kafka.KafkaTestResource;
import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
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
class RemoteWriteTest {

    @Test
    void remoteWriteIsAcceptedWith204AndBecomesQueryable() throws Exception {
        long t = System.currentTimeMillis() - 30_000;
        WriteRequest req = WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue("rw_test_total"))
                .addLabels(Label.newBuilder().setName("job").setValue("prometheus"))
                .addSamples(Sample.newBuilder().setTimestamp(t).setValue(7))
                .addSamples(Sample.newBuilder().setTimestamp(t + 15_000).setValue(9))).build();
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(Snappy.compress(req.toByteArray()))
                .post("/api/v1/write").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "rw_test_total{job=\"prometheus\"}").get("/api/v1/query")
                        .then().statusCode(200).body("data.result[0].value[1]", equalTo("9")));
    }

    @Test
    void aSnappyBlockDeclaringTwoGibibytesIs400NamingTheLimit() {
        // six bytes whose preamble declares 2 GiB: snappy allocates the declared size before reading on
        byte[] bomb = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x00};
        given().contentType("application/x-protobuf").body(bomb)
                .post("/api/v1/write").then().statusCode(400)
                .body(containsString("2147483648 bytes, over the limit of 104857600 bytes (vigil.metrics.remote-write.max-decompressed-bytes)"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aBodyThatIsNotSnappyIs400WithTheReason() {
        given().contentType("application/x-protobuf").body("hello".getBytes())
                .post("/api/v1/write").then().statusCode(400).body(containsString("snappy"));
    }

    @Test
    void snappyButNotProtobufIs400() throws Exception {
        given().contentType("application/x-protobuf").body(Snappy.compress(new byte[]{(byte) 0xff, (byte) 0xff, 0x01}))
                .post("/api/v1/write").then().statusCode(400).body(containsString("WriteRequest"));
    }

    private static byte[] body(TimeSeries.Builder... series) throws Exception {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (TimeSeries.Builder ts : series) {
            req.addTimeseries(ts);
        }
        return Snappy.compress(req.build().toByteArray());
    }

    private static TimeSeries.Builder series(long t, String... labels) {
        TimeSeries.Builder ts = TimeSeries.newBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            ts.addLabels(Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]));
        }
        return ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(1));
    }

    @Test
    void labelsBeyondTheLimitsAre400NamingTheSetting() throws Exception {
        long t = System.currentTimeMillis();
        // a 1.2 MB label value was a 503 (Kafka's RecordTooLarge), which Prometheus retries forever
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(body(series(t, "__name__", "big_value", "v", "x".repeat(1_200_000))))
                .post("/api/v1/write").then().statusCode(400)
                .body(containsString("vigil.metrics.remote-write.max-label-value-length"));
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(body(series(t, "__name__", "long_name", "n".repeat(1025), "v")))
                .post("/api/v1/write").then().statusCode(400)
                .body(containsString("vigil.metrics.remote-write.max-label-name-length"));
        String[] many = new String[62];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = "l" + (100 + i);
            many[i + 1] = "v";
        }
        many[0] = "__name__";
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(body(series(t, many)))
                .post("/api/v1/write").then().statusCode(400)
                .body(containsString("vigil.metrics.remote-write.max-label-names-per-series"));
    }

    @Test
    void samplesOlderThanTheStoresAcceptAre400OutOfBounds() throws Exception {
        long day = 86_400_000L;
        long now = System.currentTimeMillis();
        // past the 2 d downsample age the TSDB keeps only rollups, past 15 d nothing: it would drop them after a 204
        for (long age : new long[]{3 * day, 20 * day}) {
            given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                    .body(body(series(now - day / 2, "__name__", "rw_old", "age", "fresh"), series(now - age, "__name__", "rw_old", "age", "old")))
                    .post("/api/v1/write").then().statusCode(400)
                    .body(containsString("out of bounds"));
        }
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .body(body(series(now - day, "__name__", "rw_old", "age", "one day")))
                .post("/api/v1/write").then().statusCode(204);
    }

    @Test
    void aRequestLargerThanAKafkaRecordIsSplitAndStoredWhole() throws Exception {
        long t = System.currentTimeMillis() - 10_000;
        TimeSeries.Builder[] series = new TimeSeries.Builder[6_000];
        for (int i = 0; i < series.length; i++) {
            series[i] = series(t, "__name__", "rw_split_total", "i", Integer.toString(i), "pad", "p".repeat(300));
        }
        byte[] raw = Snappy.uncompress(body(series));
        org.junit.jupiter.api.Assertions.assertTrue(raw.length > 2_000_000, "needs several records: " + raw.length);
        given().header("Content-Encoding", "snappy").contentType("application/x-protobuf").body(body(series))
                .post("/api/v1/write").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("query", "count(rw_split_total)").get("/api/v1/query")
                        .then().statusCode(200).body("data.result[0].value[1]", equalTo("6000")));
    }
}
