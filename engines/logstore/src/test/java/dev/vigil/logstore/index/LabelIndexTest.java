package dev.vigil.logstore.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelIndexTest {

    private static final List<Labels> STREAMS = List.of(
            Labels.of("app", "api", "namespace", "prod", "pod", "api-1"),                 // 0
            Labels.of("app", "api", "namespace", "staging", "pod", "api-2"),              // 1
            Labels.of("app", "web", "namespace", "prod", "pod", "web-1", "tier", "fe"),   // 2
            Labels.of("app", "worker", "namespace", "prod", "pod", "worker-1"),           // 3
            Labels.of("job", "node", "node", "n1"));                                      // 4

    private static LabelMatcher m(String name, MatchType type, String value) {
        return new LabelMatcher(type, name, value);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of(), new int[] {0, 1, 2, 3, 4}),
                Arguments.of(List.of(m("app", MatchType.EQUAL, "api")), new int[] {0, 1}),
                Arguments.of(List.of(m("app", MatchType.EQUAL, "nope")), new int[] {}),
                Arguments.of(List.of(m("app", MatchType.EQUAL, "api"), m("namespace", MatchType.EQUAL, "prod")), new int[] {0}),
                Arguments.of(List.of(m("tier", MatchType.EQUAL, "")), new int[] {0, 1, 3, 4}),
                Arguments.of(List.of(m("app", MatchType.NOT_EQUAL, "api")), new int[] {2, 3, 4}),
                Arguments.of(List.of(m("app", MatchType.NOT_EQUAL, "")), new int[] {0, 1, 2, 3}),
                Arguments.of(List.of(m("app", MatchType.REGEX, "w.*")), new int[] {2, 3}),
                Arguments.of(List.of(m("app", MatchType.REGEX, "api|web")), new int[] {0, 1, 2}),
                Arguments.of(List.of(m("app", MatchType.REGEX, "ap")), new int[] {}),
                Arguments.of(List.of(m("app", MatchType.REGEX, "api")), new int[] {0, 1}),
                Arguments.of(List.of(m("pod", MatchType.REGEX, ".*-1")), new int[] {0, 2, 3}),
                Arguments.of(List.of(m("app", MatchType.REGEX, ".*")), new int[] {0, 1, 2, 3, 4}),
                Arguments.of(List.of(m("app", MatchType.REGEX, ".+")), new int[] {0, 1, 2, 3}),
                Arguments.of(List.of(m("app", MatchType.NOT_REGEX, "w.*")), new int[] {0, 1, 4}),
                Arguments.of(List.of(m("app", MatchType.NOT_REGEX, "")), new int[] {0, 1, 2, 3}),
                Arguments.of(List.of(m("namespace", MatchType.EQUAL, "prod"), m("app", MatchType.NOT_REGEX, "web|worker")), new int[] {0}),
                Arguments.of(List.of(m("app", MatchType.REGEX, "w.*"), m("pod", MatchType.REGEX, "worker.*")), new int[] {3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectsStreamsMatchingEveryMatcher(List<LabelMatcher> matchers, int[] expected) {
        LabelIndex index = new LabelIndex();
        for (int i = 0; i < STREAMS.size(); i++) {
            index.add(i, STREAMS.get(i));
        }
        assertArrayEquals(expected, index.select(matchers));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void removedStreamsAreNoLongerSelected(List<LabelMatcher> matchers, int[] expected) {
        LabelIndex index = new LabelIndex();
        for (int i = 0; i < STREAMS.size(); i++) {
            index.add(i, STREAMS.get(i));
        }
        index.remove(0);
        index.remove(3);
        List<Integer> left = new ArrayList<>();
        for (int id : expected) {
            if (id != 0 && id != 3) {
                left.add(id);
            }
        }
        assertArrayEquals(left.stream().mapToInt(Integer::intValue).toArray(), index.select(matchers));
    }
}
