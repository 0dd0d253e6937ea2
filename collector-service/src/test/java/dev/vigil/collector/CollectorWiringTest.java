package dev.vigil.collector;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The running collector on this machine against a test broker: host metrics and a static
 * scrape target are published through the delivery path, and the spool's counters are on
 * {@code /q/metrics} from the start.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CollectorWiringTest {
    @Test
    void publishesHostMetricsScrapesStaticTargetsAndExportsSpoolCounters() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String m = metrics();
            return value(m, "vigil_collector_host_series_published_total") > 0
                    && value(m, "vigil_collector_scrapes_failed_total") > 0;
        });
        String m = metrics();
        assertTrue(m.contains("vigil_collector_spool_dropped_records_total 0.0"), "drop counter exported and zero");
        assertTrue(m.contains("vigil_collector_spool_records "), "spool size exported");
        assertTrue(m.contains("vigil_collector_kafka_spooling 0.0"), "a reachable broker means no spooling");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
