package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** promtool's output of the Prometheus API's answers: client_golang's model String() and JSON forms. */
class PromOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode data(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void vectorsPrintTheNameThenLabelPairsSortedAsStrings() throws Exception {
        // "a1=..." sorts before "a=..." as strings ('1' < '='), which is how Go's model.Metric prints them
        JsonNode d = data("""
                {"resultType":"vector","result":[
                 {"metric":{"__name__":"up","a":"x","a1":"y\\"q","job":"node"},"value":[1700000000.123,"1"]},
                 {"metric":{},"value":[1700000000,"NaN"]},
                 {"metric":{"__name__":"only_name"},"value":[1700000000.5,"+Inf"]}]}
                """);
        assertEquals("""
                up{a1="y\\"q", a="x", job="node"} => 1 @[1700000000.123]
                {} => NaN @[1700000000]
                only_name => +Inf @[1700000000.5]""", PromOutput.promql(d));
        assertEquals("[{\"metric\":{\"__name__\":\"up\",\"a\":\"x\",\"a1\":\"y\\\"q\",\"job\":\"node\"},\"value\":[1700000000.123,\"1\"]},"
                + "{\"metric\":{},\"value\":[1700000000,\"NaN\"]},{\"metric\":{\"__name__\":\"only_name\"},\"value\":[1700000000.5,\"+Inf\"]}]",
                PromOutput.json(d));
        assertEquals("", PromOutput.promql(data("{\"resultType\":\"vector\",\"result\":[]}")));
        assertEquals("[]", PromOutput.json(data("{\"resultType\":\"vector\",\"result\":[]}")));
    }

    @Test
    void matricesScalarsAndStrings() throws Exception {
        JsonNode m = data("""
                {"resultType":"matrix","result":[
                 {"metric":{"__name__":"x","i":"1"},"values":[[10,"0.1"],[20,"1e-7"]]},
                 {"metric":{"__name__":"x","i":"2"},"values":[[10,"12345678901234567890"]]}]}
                """);
        assertEquals("""
                x{i="1"} =>
                0.1 @[10]
                0.0000001 @[20]
                x{i="2"} =>
                12345678901234567000 @[10]""", PromOutput.promql(m));
        assertEquals("scalar: 2 @[1700000000.001]", PromOutput.promql(data("{\"resultType\":\"scalar\",\"result\":[1700000000.001,\"2\"]}")));
        assertEquals("[1700000000.001,\"2\"]", PromOutput.json(data("{\"resultType\":\"scalar\",\"result\":[1700000000.001,\"2\"]}")));
        assertEquals("hello", PromOutput.promql(data("{\"resultType\":\"string\",\"result\":[1,\"hello\"]}")));
        assertEquals("[1,\"hello\"]", PromOutput.json(data("{\"resultType\":\"string\",\"result\":[1,\"hello\"]}")));
    }

    @Test
    void argumentsAreReadAsGoToolsReadThem() throws Exception {
        assertEquals(90_000, Args.goDurationMs("1m30s"));
        assertEquals(1_500, Args.goDurationMs("1.5s"));
        assertEquals(3_600_000, Args.goDurationMs("1h"));
        assertEquals(0, Args.goDurationMs("0"));
        assertThrows(Args.UsageException.class, () -> Args.goDurationMs("1d"));
        assertThrows(Args.UsageException.class, () -> Args.goDurationMs("9999999999h"), "over Go's 292 years");
        assertEquals(0, Args.goDurationMs("500μs"), "Greek mu, as Go takes it");
        assertTrue(Args.goBool("1") && Args.goBool("T") && !Args.goBool("yes"));
        assertEquals(1_700_000_000_500L, Args.promtoolTimeMs("1700000000.5"));
        assertEquals(1_700_000_000_000L, Args.promtoolTimeMs("2023-11-14T22:13:20Z"));
        assertThrows(Args.UsageException.class, () -> Args.promtoolTimeMs("yesterday"));
        Args a = Args.parse(java.util.List.of("instant", "-o", "json", "--time=5", "srv", "--", "-1"),
                java.util.Set.of("format", "time"), java.util.Set.of(), java.util.Map.of("o", "format"));
        assertEquals(java.util.List.of("instant", "srv", "-1"), a.positional);
        assertEquals("json", a.flag("format", "promql"));
        assertEquals("5", a.flag("time", null));
    }
}
