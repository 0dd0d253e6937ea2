package dev.vigil.collector.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.Labels;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetLabelsTest {
    private static final Labels TARGET = Labels.of("job", "app", "instance", "10.0.0.1:9100");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Labels.of("__name__", "m"), false, Labels.of("__name__", "m", "job", "app", "instance", "10.0.0.1:9100")),
                Arguments.of(Labels.of("__name__", "m", "job", "x"), false,
                        Labels.of("__name__", "m", "job", "app", "exported_job", "x", "instance", "10.0.0.1:9100")),
                Arguments.of(Labels.of("__name__", "m", "job", "x", "exported_job", "y"), false,
                        Labels.of("__name__", "m", "job", "app", "exported_job", "y", "exported_exported_job", "x",
                                "instance", "10.0.0.1:9100")),
                Arguments.of(Labels.of("__name__", "m", "job", "x"), true, Labels.of("__name__", "m", "job", "x", "instance", "10.0.0.1:9100")),
                Arguments.of(Labels.of("__name__", "m", "job", "app"), false, Labels.of("__name__", "m", "job", "app",
                        "exported_job", "app", "instance", "10.0.0.1:9100")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void resolvesConflictsLikePrometheus(Labels scraped, boolean honor, Labels expected) {
        assertEquals(expected, TargetLabels.apply(scraped, TARGET, honor));
    }
}
