package dev.vigil.tsdb.index;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabelIndexTest {
    private static final List<Labels> SERIES = List.of(
            Labels.of("__name__", "up", "job", "node", "instance", "a:9100"),          // 0
            Labels.of("__name__", "up", "job", "node", "instance", "b:9100"),          // 1
            Labels.of("__name__", "up", "job", "kubelet", "instance", "a:10250"),      // 2
            Labels.of("__name__", "node_cpu_seconds_total", "job", "node", "mode", "idle"), // 3
            Labels.of("__name__", "node_cpu_seconds_total", "job", "node", "mode", "user"), // 4
            Labels.of("__name__", "node_load1"));                                     // 5

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no matchers selects all", List.of(), List.of(0, 1, 2, 3, 4, 5)),
                Arguments.of("equal", List.of(m(MatchType.EQUAL, "job", "node")), List.of(0, 1, 3, 4)),
                Arguments.of("equal unknown value", List.of(m(MatchType.EQUAL, "job", "nope")), List.of()),
                Arguments.of("equal unknown name", List.of(m(MatchType.EQUAL, "zone", "x")), List.of()),
                Arguments.of("equal empty selects series without the label", List.of(m(MatchType.EQUAL, "job", "")), List.of(5)),
                Arguments.of("not equal keeps series without the label", List.of(m(MatchType.NOT_EQUAL, "job", "node")), List.of(2, 5)),
                Arguments.of("not equal empty requires the label", List.of(m(MatchType.NOT_EQUAL, "mode", "")), List.of(3, 4)),
                Arguments.of("regex literal", List.of(m(MatchType.REGEX, "job", "kubelet")), List.of(2)),
                Arguments.of("regex prefix", List.of(m(MatchType.REGEX, "__name__", "node_.*")), List.of(3, 4, 5)),
                Arguments.of("regex prefix does not match shorter value", List.of(m(MatchType.REGEX, "__name__", "node_cpu_seconds_total_x.*")), List.of()),
                Arguments.of("regex alternation", List.of(m(MatchType.REGEX, "mode", "idle|user")), List.of(3, 4)),
                Arguments.of("regex is fully anchored", List.of(m(MatchType.REGEX, "instance", "a")), List.of()),
                Arguments.of("regex matching empty keeps series without the label", List.of(m(MatchType.REGEX, "mode", "idle|")), List.of(0, 1, 2, 3, 5)),
                Arguments.of("regex dot star selects all", List.of(m(MatchType.REGEX, "job", ".*")), List.of(0, 1, 2, 3, 4, 5)),
                Arguments.of("regex dot plus requires the label", List.of(m(MatchType.REGEX, "job", ".+")), List.of(0, 1, 2, 3, 4)),
                Arguments.of("not regex", List.of(m(MatchType.NOT_REGEX, "instance", "a:.*")), List.of(1, 3, 4, 5)),
                Arguments.of("not regex literal", List.of(m(MatchType.NOT_REGEX, "job", "node")), List.of(2, 5)),
                Arguments.of("not regex not matching empty requires label", List.of(m(MatchType.NOT_REGEX, "mode", "")), List.of(3, 4)),
                Arguments.of("intersection", List.of(m(MatchType.EQUAL, "__name__", "up"), m(MatchType.REGEX, "instance", "a:.*")), List.of(0, 2)),
                Arguments.of("intersection with negative", List.of(m(MatchType.EQUAL, "job", "node"), m(MatchType.NOT_EQUAL, "__name__", "up")), List.of(3, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchersSelectTheExpectedSeries(String name, List<LabelMatcher> matchers, List<Integer> expected) {
        LabelIndex index = new LabelIndex();
        for (int i = 0; i < SERIES.size(); i++) {
            index.add(i, SERIES.get(i));
        }
        assertEquals(expected, ids(index.select(matchers)));
    }

    @Test
    void removedSeriesDisappearFromPostingsNamesAndValues() {
        LabelIndex index = new LabelIndex();
        for (int i = 0; i < SERIES.size(); i++) {
            index.add(i, SERIES.get(i));
        }
        index.remove(2, SERIES.get(2));
        index.remove(5, SERIES.get(5));
        assertEquals(List.of(0, 1, 3, 4), ids(index.select(List.of())));
        assertEquals(List.of("node"), index.values("job"));
        assertEquals(List.of("node_cpu_seconds_total", "up"), index.values("__name__"));
        assertEquals(List.of("__name__", "instance", "job", "mode"), index.names());
    }

    private static LabelMatcher m(MatchType type, String name, String value) {
        return new LabelMatcher(type, name, value);
    }

    private static List<Integer> ids(BitSet set) {
        List<Integer> out = new ArrayList<>();
        set.stream().forEach(out::add);
        return out;
    }
}
