package dev.vigil.logs.rest;

import dev.vigil.logql.StreamResult;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DetectedFieldsTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"200, int", "-3, int", "0.25, float", "1e3, float", "true, boolean", "False, boolean", "1.5s, duration",
            "300ms, duration", "1h2m, duration", "10KB, bytes", "1.5 MiB, bytes", "42B, bytes", "GET /cart, string", "info, string"})
    void typesAreReadAsLokiReadsThem(String value, String type) {
        assertEquals(type, DetectedFields.typeOf(value));
    }

    @Test
    void jsonFieldsBesidesTheStreamLabelsWithCardinalityAndAMixedTypeIsAString() {
        DetectedFields d = new DetectedFields(100);
        Labels stream = Labels.of("app", "api");
        d.add("json", List.of(
                new StreamResult(stream.toBuilder().set("latency", "12ms").set("code", "200").set("app_extracted", "x").build(), List.of()),
                new StreamResult(stream.toBuilder().set("latency", "15ms").set("code", "n/a").build(), List.of()),
                // a line json could not read
                new StreamResult(stream.toBuilder().set("__error__", "JSONParserErr").build(), List.of())), Set.of("app"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fields = (List<Map<String, Object>>) d.answer(10).get("fields");
        assertEquals(List.of("app_extracted", "code", "latency"), fields.stream().map(f -> f.get("label")).toList());
        assertEquals("string", fields.get(1).get("type"), "200 and n/a");
        assertEquals("duration", fields.get(2).get("type"));
        assertEquals(2, fields.get(2).get("cardinality"));
        assertEquals(List.of("json"), fields.get(2).get("parsers"));
        assertEquals(List.of("12ms", "15ms"), d.values("latency", 10).get("values"));
        assertEquals(1, ((List<?>) d.answer(1).get("fields")).size());
    }
}
