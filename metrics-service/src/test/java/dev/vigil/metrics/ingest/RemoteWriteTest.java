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
}
