package dev.vigil.promql.fuzz;

import dev.vigil.model.Labels;
import dev.vigil.model.fuzz.Fuzz;
import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.eval.QueryExecutionException;
import dev.vigil.promql.eval.QueryTimeoutException;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.promql.storage.MemoryStorage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PromQL queries derived from valid ones by random edits ({@link Fuzz}) are parsed and, when they
 * parse, evaluated as instant and range queries: the only exceptions are the parser's and the
 * evaluator's own (a 400 or 422 at the API), each with a message, and no input hangs.
 */
class PromqlFuzzTest {
    private static final List<String> SEEDS = List.of(
            "sum by (job) (rate(http_requests_total{job=~\"api|web\", code!=\"500\"}[5m]))",
            "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
            "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):\\\\d+\")",
            "topk(3, node_cpu_seconds_total offset 1m) / on(instance) group_left(job) up",
            "max_over_time(rate(x[1m])[10m:30s] @ 100)",
            "count_values(\"v\", up) > bool 1 and absent(nope) or vector(1)",
            "-2 ^ 3 ^ 2 * scalar(sum(up)) % 7 atan2 time()",
            "sort_desc(quantile_over_time(0.5, x[5m])) unless ignoring(job) x",
            "clamp(x, -1, 1) + day_of_week(vector(1e9)) - timestamp(x)",
            "avg without (instance) (predict_linear(x[1h], 3600))",
            "{__name__=~\"x|up\", job!~\"(?i)api\"}[5m:] offset -1m",
            "label_join(x, \"d\", \",\", \"job\", \"instance\") == 1");
    private static final String ALPHABET = "{}()[]|=!~\"`',.:@<>+-*/%^ _azAZ09$#\\ \n\t";
    private static final List<String> TOKENS = List.of("(", ")", "[5m]", "[1m:10s]", "offset 5m", "@ start()", " by (job) ",
            " on(a) group_left(b) ", " bool ", "sum(", "rate(", "\"", "=~\"(a+)+$\"", "1e308", "-Inf", "NaN", "0x1f", "9999999999y",
            "{", "}", "[", "]", ",", "label_replace(", "histogram_quantile(", "__name__");

    @Test
    void editedQueriesFailOnlyWithTheEnginesOwnErrors() {
        MemoryStorage storage = new MemoryStorage();
        for (int i = 0; i < 20; i++) {
            Labels l = Labels.of("__name__", i % 2 == 0 ? "x" : "up", "job", i % 3 == 0 ? "api" : "web", "instance", "h" + i + ":9100",
                    "le", Double.toString(i / 4.0));
            for (long t = 0; t <= 600_000; t += 15_000) {
                storage.add(l, t, i * t / 1000.0);
            }
        }
        Engine engine = new Engine(EngineOptions.defaults().withMaxSamples(200_000).withTimeout(Duration.ofSeconds(2)));
        List<String> inputs = Fuzz.strings(11, SEEDS, ALPHABET, TOKENS, Fuzz.INPUTS);
        int clean = Fuzz.check(inputs, Fuzz::show, q -> {
            try {
                engine.instantQuery(storage, q, 300_000);
                engine.rangeQuery(storage, q, 0, 600_000, 60_000);
                return true;
            } catch (ParseException | QueryExecutionException | QueryTimeoutException | IllegalArgumentException e) {
                return Fuzz.refused(e); // 400, 422 or 503 at the API
            }
        });
        assertTrue(clean >= 500, "many inputs must get through to evaluation: " + clean);
    }
}
