package dev.vigil.logql.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parser accepts and rejects each range function and vector aggregation exactly as its
 * signature says: unwrap, parameter, grouping. The rows are Loki's rules (its parser's
 * validation of range and vector aggregations), so a wrong entry in a table fails here.
 */
class FunctionTablesTest {
    private static final String LINES = "{app=\"a\"}[1m]";
    private static final String VALUES = "{app=\"a\"} | unwrap x [1m]";

    @ParameterizedTest
    @CsvSource({
        // name, unwrap, parameter, grouping
        "rate, OPTIONAL, false, false",
        "absent_over_time, OPTIONAL, false, false",
        "count_over_time, FORBIDDEN, false, false",
        "bytes_rate, FORBIDDEN, false, false",
        "bytes_over_time, FORBIDDEN, false, false",
        "rate_counter, REQUIRED, false, false",
        "sum_over_time, REQUIRED, false, false",
        "avg_over_time, REQUIRED, false, true",
        "min_over_time, REQUIRED, false, true",
        "max_over_time, REQUIRED, false, true",
        "first_over_time, REQUIRED, false, true",
        "last_over_time, REQUIRED, false, true",
        "stddev_over_time, REQUIRED, false, true",
        "stdvar_over_time, REQUIRED, false, true",
        "quantile_over_time, REQUIRED, true, true",
    })
    void rangeFunction(String name, RangeFunctions.Unwrap unwrap, boolean parameter, boolean grouping) {
        assertEquals(new RangeFunctions.Signature(name, unwrap, parameter, grouping), RangeFunctions.find(name).orElseThrow());
        String p = parameter ? "0.5, " : "";
        String wrongP = parameter ? "" : "0.5, ";
        String lines = name + "(" + p + LINES + ")";
        String values = name + "(" + p + VALUES + ")";
        assertEquals(unwrap != RangeFunctions.Unwrap.REQUIRED, parses(lines), lines);
        assertEquals(unwrap != RangeFunctions.Unwrap.FORBIDDEN, parses(values), values);
        String usable = unwrap == RangeFunctions.Unwrap.FORBIDDEN ? LINES : VALUES;
        String grouped = name + "(" + p + usable + ") by (pod)";
        assertEquals(grouping, parses(grouped), grouped);
        String wrongParameter = name + "(" + wrongP + usable + ")";
        assertThrows(ParseException.class, () -> Parser.parse(wrongParameter), wrongParameter);
    }

    @ParameterizedTest
    @CsvSource({
        "sum, false, true", "avg, false, true", "min, false, true", "max, false, true", "count, false, true",
        "stddev, false, true", "stdvar, false, true", "topk, true, true", "bottomk, true, true",
        "sort, false, false", "sort_desc, false, false",
    })
    void vectorAggregation(String name, boolean parameter, boolean grouping) {
        assertEquals(new VectorAggregations.Signature(name, parameter, grouping), VectorAggregations.find(name).orElseThrow());
        String inner = "rate(" + LINES + ")";
        String plain = name + "(" + (parameter ? "2, " : "") + inner + ")";
        assertTrue(parses(plain), plain);
        assertEquals(grouping, parses(name + " by (pod) (" + (parameter ? "2, " : "") + inner + ")"), name + " by");
        if (parameter) {
            assertThrows(ParseException.class, () -> Parser.parse(name + "(" + inner + ")"));
            assertThrows(ParseException.class, () -> Parser.parse(name + "(0.5, " + inner + ")"));
        }
    }

    private static boolean parses(String query) {
        try {
            Parser.parse(query);
            return true;
        } catch (ParseException e) {
            return false;
        }
    }
}
