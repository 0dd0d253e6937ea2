package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.model.Labels;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ScrapeTargetTest {
    @Test
    void staticTargetsGetJobAndInstance() {
        ScrapeTarget t = ScrapeTarget.fromAddress("node", "10.0.0.5:9100", "http", "metrics");
        assertEquals(URI.create("http://10.0.0.5:9100/metrics"), t.url());
        assertEquals(Labels.of("job", "node", "instance", "10.0.0.5:9100"), t.labels());
        assertEquals(Labels.of("job", "win", "instance", "[fd00::1]:9182"),
                ScrapeTarget.fromAddress("win", "[fd00::1]:9182", "https", "/metrics").labels());
        assertEquals(Labels.of("job", "app", "instance", "example.internal:443"),
                ScrapeTarget.of("app", URI.create("https://example.internal/metrics")).labels());
    }

    @Test
    void rejectsTargetsWithoutPortOrWithBadSettings() {
        IllegalArgumentException noPort = assertThrows(IllegalArgumentException.class,
                () -> ScrapeTarget.fromAddress("node", "10.0.0.5", "http", "/metrics"));
        assertEquals("scrape target must be host:port, got '10.0.0.5'", noPort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScrapeTarget.fromAddress("node", "10.0.0.5:9100", "ftp", "/metrics"));
        assertThrows(IllegalArgumentException.class, () -> ScrapeTarget.of("a", URI.create("http://h:1/m")).withSampleLimit(-1));
    }
}
