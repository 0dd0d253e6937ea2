package dev.vigil.alert.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFileLoaderTest {
    final RuleFileLoader loader = new RuleFileLoader(ExpressionParser.PROMQL);

    @Test
    void loadsPrometheusRuleFile() {
        List<RuleGroupDefinition> groups = loader.load(Path.of("src/test/resources/rules/node.rules.yml"));
        assertEquals(2, groups.size());
        RuleGroupDefinition node = groups.get(0);
        assertEquals(Optional.of(Duration.ofSeconds(30)), node.interval());
        RuleDefinition.Recording rec = assertInstanceOf(RuleDefinition.Recording.class, node.rules().get(0));
        assertEquals("instance:node_cpu_utilisation:rate5m", rec.name());
        RuleDefinition.Alerting high = assertInstanceOf(RuleDefinition.Alerting.class, node.rules().get(1));
        assertEquals(Duration.ofMinutes(5), high.holdDuration());
        assertEquals(Duration.ofMinutes(2), high.keepFiringFor());
        assertEquals(100, groups.get(1).limit());
        assertEquals(Optional.empty(), groups.get(1).interval());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("groups: [{name: g, rules: [{alert: A, expr: 'up ==', for: 1m}]}]",
                        "group \"g\", rule 1, \"A\": could not parse expression: 1:6: parse error:"),
                Arguments.of("groups: [{name: g, rules: [{record: r, expr: up}, {alert: B}]}]",
                        "group \"g\", rule 2, \"B\": field 'expr' must be set in rule"),
                Arguments.of("groups: [{name: g, rules: [{record: r, alert: A, expr: up}]}]",
                        "group \"g\", rule 1, \"A\": only one of 'record' and 'alert' must be set"),
                Arguments.of("groups: [{name: g, rules: [{expr: up}]}]",
                        "group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set"),
                Arguments.of("groups: [{name: g, rules: [{record: r, expr: up, for: 5m}]}]",
                        "group \"g\", rule 1, \"r\": invalid field 'for' in recording rule"),
                Arguments.of("groups: [{name: g, rules: [{record: r, expr: up, annotations: {a: b}}]}]",
                        "group \"g\", rule 1, \"r\": invalid field 'annotations' in recording rule"),
                Arguments.of("groups: [{name: g, rules: [{record: 'bad-name', expr: up}]}]",
                        "group \"g\", rule 1, \"bad-name\": invalid recording rule name: bad-name"),
                Arguments.of("groups: [{name: g, rules: [{alert: A, expr: up, labels: {'1x': y}}]}]",
                        "group \"g\", rule 1, \"A\": invalid label name: 1x"),
                Arguments.of("groups: [{name: g, rules: [{alert: A, expr: up, annotations: {s: '{{ nope }}'}}]}]",
                        "function \"nope\" not defined"),
                Arguments.of("groups: [{name: g, rules: []}, {name: g, rules: []}]",
                        "groupname: \"g\" is repeated in the same file"),
                Arguments.of("groups: [{rules: []}]", "Groupname must not be empty"),
                Arguments.of("groups: [{name: g, rules: [{alert: A, expr: up, for: 5 min}]}]",
                        "group \"g\", rule 1, \"A\": for: not a valid duration string: \"5 min\""),
                Arguments.of("groups: [{name: g, rules: [{alert: A, expr: up, fro: 5m}]}]",
                        "group \"g\", rule 1, \"A\": field fro not found in type rule"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void reportsErrorsInPromtoolsWording(String yaml, String expected) {
        RuleFileException e = assertThrows(RuleFileException.class, () -> loader.parse(yaml));
        assertTrue(e.errors().stream().anyMatch(m -> m.contains(expected)), () -> "errors were: " + e.errors());
    }
}
