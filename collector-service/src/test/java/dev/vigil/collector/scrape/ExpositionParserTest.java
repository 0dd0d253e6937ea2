package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: each fixture's expected samples were produced by the Python Prometheus client's
 * parsers (fixtures/scrape/make_golden.py), an implementation independent of this one.
 */
class ExpositionParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String resource(String name) throws IOException {
        try (InputStream in = ExpositionParserTest.class.getResourceAsStream("/fixtures/scrape/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource fixtures/scrape/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<ParsedSample> golden(String name) throws IOException {
        List<ParsedSample> out = new ArrayList<>();
        for (String line : resource(name + ".golden.jsonl").split("\n")) {
            JsonNode n = JSON.readTree(line);
            Map<String, String> labels = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("labels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                labels.put(e.getKey(), e.getValue().asText());
            }
            String v = n.get("value").asText();
            double value = switch (v) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            };
            OptionalLong ts = n.get("timestampMs").isNull() ? OptionalLong.empty() : OptionalLong.of(n.get("timestampMs").asLong());
            out.add(new ParsedSample(Labels.from(labels), value, ts));
        }
        return out;
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("node_exporter-1.5.0.prom", ExpositionFormat.PROMETHEUS_TEXT),
                Arguments.of("app-text-0.0.4.txt", ExpositionFormat.PROMETHEUS_TEXT),
                Arguments.of("app-openmetrics.txt", ExpositionFormat.OPENMETRICS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixtureLikeReferenceParser(String fixture, ExpositionFormat format) throws Exception {
        List<ParsedSample> expected = golden(fixture);
        List<ParsedSample> actual = ExpositionParser.parse(resource(fixture), format).samples();
        assertEquals(expected.size(), actual.size(), "sample count");
        for (int i = 0; i < expected.size(); i++) {
            // record equality compares doubles with Double.compare, so NaN equals NaN and -0.0 differs from 0.0
            assertEquals(expected.get(i), actual.get(i), "sample " + i);
        }
    }

    @Test
    void keepsMetadataOfBothFormats() throws Exception {
        Map<String, MetricMetadata> om = ExpositionParser.parse(resource("app-openmetrics.txt"), ExpositionFormat.OPENMETRICS).metadata();
        assertEquals(new MetricMetadata("histogram", "Request latency.", "seconds"), om.get("request_seconds"));
        assertEquals(new MetricMetadata("gauge", "Items waiting; path is C:\\queue with a \"quote\" and a\nnewline.", ""),
                om.get("queue_depth"));
        Map<String, MetricMetadata> text = ExpositionParser.parse(resource("app-text-0.0.4.txt"), ExpositionFormat.PROMETHEUS_TEXT).metadata();
        assertEquals(new MetricMetadata("counter", "The total number of HTTP requests.", ""), text.get("http_requests_total"));
    }

    @Test
    void readsTimestampsInEachFormatsUnit() throws Exception {
        ParsedSample text = ExpositionParser.parse("a 1 1500\n", ExpositionFormat.PROMETHEUS_TEXT).samples().get(0);
        ParsedSample om = ExpositionParser.parse("a 1 1.5\n# EOF\n", ExpositionFormat.OPENMETRICS).samples().get(0);
        assertEquals(OptionalLong.of(1500), text.timestampMs());
        assertEquals(OptionalLong.of(1500), om.timestampMs());
    }

    @Test
    void acceptsQuotedUtf8MetricNames() throws Exception {
        ParsedSample s = ExpositionParser.parse("{\"http.requests\", code=\"200\"} 7\n", ExpositionFormat.PROMETHEUS_TEXT)
                .samples().get(0);
        assertEquals(Labels.of("__name__", "http.requests", "code", "200"), s.labels());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "ok 1\nbad{a=\"1\" 2\n", 2, "expected ',' or '}'"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "a{b=1} 2\n", 1, "expected '\"' to start the value of label 'b'"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "a 1d\n", 1, "invalid value '1d'"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "a 1 1.5\n", 1, "invalid timestamp '1.5': expected integer milliseconds"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "a{x=\"1\",x=\"2\"} 1\n", 1, "duplicate label 'x'"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "a{x=\"open} 1\n", 1, "unterminated quoted string"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "# TYPE a countr\n", 1, "unknown metric type 'countr'"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "a\n", 1, "expected a space and a value after a"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "9lives 1\n", 1, "expected a metric name"),
                Arguments.of(ExpositionFormat.PROMETHEUS_TEXT, "a 1 2 3\n", 1, "unexpected '3'"),
                Arguments.of(ExpositionFormat.OPENMETRICS, "a 1\n", 1, "missing '# EOF'"),
                Arguments.of(ExpositionFormat.OPENMETRICS, "a 1\n\nb 2\n# EOF\n", 2, "blank line"),
                Arguments.of(ExpositionFormat.OPENMETRICS, "# EOF\na 1\n", 2, "content after '# EOF'"),
                Arguments.of(ExpositionFormat.OPENMETRICS, "# just a comment\n# EOF\n", 1, "unknown comment '# just'"),
                Arguments.of(ExpositionFormat.OPENMETRICS, "# TYPE a untyped\n# EOF\n", 1, "unknown metric type 'untyped'"),
                Arguments.of(ExpositionFormat.OPENMETRICS, "a 1 # trace 1\n# EOF\n", 1, "expected an exemplar"),
                Arguments.of(ExpositionFormat.OPENMETRICS, "a 1 soon\n# EOF\n", 1, "invalid timestamp 'soon'"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void reportsLineAndReason(ExpositionFormat format, String body, int line, String reason) {
        ExpositionParseException e = assertThrows(ExpositionParseException.class, () -> ExpositionParser.parse(body, format));
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("line " + line + ": ") && e.getMessage().contains(reason), e.getMessage());
    }
}
