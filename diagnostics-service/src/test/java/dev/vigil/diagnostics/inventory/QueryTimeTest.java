package dev.vigil.diagnostics.inventory;

import dev.vigil.model.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryTimeTest {

    @Test
    void timesAreWrittenInGosDurationNotationAsSonobuoysQueryTimeJsonHasThem() {
        // the first three as the real Sonobuoy archive's meta/query-time.json holds them
        assertEquals("19.3723ms", QueryTime.goDuration(Duration.ofNanos(19_372_300)));
        assertEquals("2.927ms", QueryTime.goDuration(Duration.ofNanos(2_927_000)));
        assertEquals("1.1145ms", QueryTime.goDuration(Duration.ofNanos(1_114_500)));
        assertEquals("850µs", QueryTime.goDuration(Duration.ofNanos(850_000)));
        assertEquals("999ns", QueryTime.goDuration(Duration.ofNanos(999)));
        assertEquals("0s", QueryTime.goDuration(Duration.ZERO));
        assertEquals("1.5s", QueryTime.goDuration(Duration.ofMillis(1500)));
        assertEquals("2m3.5s", QueryTime.goDuration(Duration.ofMillis(123_500)));
        assertEquals("1h0m0s", QueryTime.goDuration(Duration.ofHours(1)));
    }

    @Test
    void aClusterWideQueryHasNoNamespaceField() throws Exception {
        assertEquals("{\"queryobj\":\"nodes\",\"time\":\"2.927ms\"}",
                Json.MAPPER.writeValueAsString(new QueryTime("nodes", "", Duration.ofNanos(2_927_000))));
        assertEquals("{\"queryobj\":\"jobs\",\"namespace\":\"kube-system\",\"time\":\"2.0345ms\"}",
                Json.MAPPER.writeValueAsString(new QueryTime("jobs", "kube-system", Duration.ofNanos(2_034_500))));
    }
}
