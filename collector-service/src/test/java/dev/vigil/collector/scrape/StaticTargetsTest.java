package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticTargetsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "windows=localhost:9182             | http://localhost:9182/metrics        | windows | localhost:9182",
            "' node = 127.0.0.1:9100 '          | http://127.0.0.1:9100/metrics        | node    | 127.0.0.1:9100",
            "app=https://10.0.0.5:8443/prom     | https://10.0.0.5:8443/prom           | app     | 10.0.0.5:8443",
            "v6=[::1]:9100                      | http://[::1]:9100/metrics            | v6      | [::1]:9100",
    })
    void parsesJobAndAddressOrUrl(String spec, String url, String job, String instance) {
        List<ScrapeTarget> targets = StaticTargets.parse(spec);
        assertEquals(1, targets.size());
        assertEquals(URI.create(url), targets.get(0).url());
        assertEquals(Labels.of("job", job, "instance", instance), targets.get(0).labels());
    }

    @org.junit.jupiter.api.Test
    void readsACommaSeparatedListAndSkipsEmptyEntries() {
        List<ScrapeTarget> targets = StaticTargets.parse("windows=localhost:9182, ,node=localhost:9100,");
        assertEquals(List.of("windows", "node"), targets.stream().map(t -> t.labels().get("job")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:9182", "=localhost:9182", "job=", "job=localhost", "job=ftp://h:21/x", "job=http://h/metrics"})
    void rejectsMalformedEntriesNamingThem(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StaticTargets.parse(spec));
        assertTrue(e.getMessage().contains(spec.substring(spec.indexOf('=') + 1)), e.getMessage());
    }
}
