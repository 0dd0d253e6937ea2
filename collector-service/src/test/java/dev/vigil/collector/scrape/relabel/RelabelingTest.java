package dev.vigil.collector.scrape.relabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each action as Prometheus 2.42 applies it (the figures of its relabel tests where they exist:
 * hashmod of "baz" mod 1000 is 976), and the checks it makes when it loads a rule.
 * {@code RelabelCompatTest} (-Pcompat) runs the same kinds of rules through a real Prometheus.
 */
class RelabelingTest {
    private static final Labels ABC = Labels.of("a", "foo", "b", "bar", "c", "baz");

    private static RelabelRule rule(List<String> src, String sep, String regex, Long mod, String target, String repl, String action) {
        return RelabelRule.of(src, sep, regex, mod, target, repl, action);
    }

    private static Labels run(Labels in, RelabelRule... rules) {
        return Relabeling.process(in, List.of(rules));
    }

    @Test
    void replaceExpandsGroupsIntoTheTargetAndDoesNothingWithoutAMatch() {
        assertEquals(Labels.of("a", "foo", "b", "bar", "c", "baz", "d", "choo-choo"),
                run(ABC, rule(List.of("a"), null, "f(.*)", null, "d", "ch${1}-ch${1}", null)));
        assertEquals(Labels.of("a", "boobam", "b", "bar", "c", "baz", "d", "boooom"),
                run(ABC, rule(List.of("a", "b"), null, "f(.*);(.*)r", null, "a", "b${1}${2}m", null),
                        rule(List.of("c", "a"), null, "(b).*b(.*)ba(.*)", null, "d", "$1$2$2$3", null)));
        assertEquals(ABC, run(ABC, rule(List.of("a"), null, "o", null, "d", "x", null)), "anchored: o does not match foo");
        assertEquals(Labels.of("a", "foo", "b", "bar", "c", "baz", "foo", "bar"),
                run(ABC, rule(List.of("a", "b"), "/", "(?P<n>[a-z]+)/(.*)", null, "${n}", "$2", null)), "named groups in the target");
    }

    @Test
    void anEmptyReplacementRemovesTheTargetAndAnInvalidExpandedTargetRemovesTheLiteralOne() {
        assertEquals(Labels.of("b", "bar", "c", "baz"), run(ABC, rule(List.of("a"), null, "f(.*)", null, "a", "", null)));
        Labels in = Labels.of("a", "foo");
        assertEquals(in, run(in, rule(List.of("a"), null, "(f).*", null, "$1", "$2", null)), "f is a name; $2 is empty: removed");
        assertEquals(Labels.of("a", "1x"), run(Labels.of("a", "1x"), rule(List.of("a"), null, "(.*)", null, "${1}", "v", null)),
                "1x is no label name: the target is dropped");
        assertEquals(Labels.of("a", "foo", "b", "$1"), run(in, rule(null, null, null, null, "b", "$$1", null)), "$$ is a dollar");
        Labels both = Labels.of("a", "foo", "foo", "x");
        assertEquals(both, run(both, rule(List.of("a"), null, "(.+)", null, "${1}", "", null)),
                "Prometheus 2.42 deletes the target as written, ${1}, which names no label: foo stays");
    }

    @Test
    void keepAndDropDecideOnTheJoinedValue() {
        assertNull(run(ABC, rule(List.of("a"), null, "f.*", null, null, null, "drop")));
        assertEquals(ABC, run(ABC, rule(List.of("a"), null, "f.*", null, null, null, "keep")));
        assertNull(run(ABC, rule(List.of("a", "zz"), null, "foo", null, null, null, "keep")), "the value is foo; (missing = empty)");
        assertEquals(ABC, run(ABC, rule(List.of("a", "zz"), null, "foo;", null, null, null, "KEEP")), "actions in any case");
        assertNull(run(ABC, rule(List.of("a"), null, "f.*", null, null, null, "drop"),
                rule(List.of("a"), null, "(.*)", null, "never", null, null)), "nothing runs after a drop");
    }

    @Test
    void keepEqualAndDropEqualCompareWithTheTargetLabel() {
        Labels l = Labels.of("__port", "9100", "port", "9100", "other", "1");
        assertEquals(l, run(l, rule(List.of("__port"), null, null, null, "port", null, "keepequal")));
        assertNull(run(l, rule(List.of("__port"), null, null, null, "other", null, "keepequal")));
        assertNull(run(l, rule(List.of("__port"), null, null, null, "port", null, "dropequal")));
        assertEquals(l, run(l, rule(List.of("__port"), null, null, null, "other", null, "dropequal")));
    }

    @Test
    void hashmodIsTheLastEightBytesOfTheMd5ModuloTheModulus() {
        assertEquals("976", run(ABC, rule(List.of("c"), null, null, 1000L, "d", null, "hashmod")).get("d"));
        assertEquals("734", run(Labels.of("a", "foo\nbar"), rule(List.of("a"), null, null, 1000L, "b", null, "hashmod")).get("b"));
    }

    @Test
    void labelmapLabeldropLabelkeepWorkOnNames() {
        Labels in = Labels.of("a", "foo", "b1", "bar", "b2", "baz");
        assertEquals(Labels.of("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz"),
                run(in, rule(null, null, "(b.*)", null, null, "bar_${1}", "labelmap")));
        assertEquals(Labels.of("a", "foo"), run(in, rule(null, null, "b.*", null, null, null, "labeldrop")));
        assertEquals(Labels.of("b1", "bar", "b2", "baz"), run(in, rule(null, null, "b.*", null, null, null, "labelkeep")));
        Labels meta = Labels.of("__meta_kubernetes_pod_label_app", "shop", "__meta_kubernetes_pod_label_tier", "web");
        assertEquals(Labels.of("__meta_kubernetes_pod_label_app", "shop", "__meta_kubernetes_pod_label_tier", "web", "app", "shop",
                "tier", "web"), run(meta, rule(null, null, "__meta_kubernetes_pod_label_(.+)", null, null, null, "labelmap")));
    }

    @Test
    void lowercaseAndUppercaseGoRuneByRune() {
        Labels in = Labels.of("a", "FoO", "b", "ΣΑΣ");
        assertEquals("foo", run(in, rule(List.of("a"), null, null, null, "l", null, "lowercase")).get("l"));
        assertEquals("σασ", run(in, rule(List.of("b"), null, null, null, "l", null, "lowercase")).get("l"),
                "no final-sigma rule, as Go's strings.ToLower");
        assertEquals("FOO;ΣΑΣ", run(in, rule(List.of("a", "b"), null, null, null, "u", null, "uppercase")).get("u"));
    }

    @Test
    void rulesPrometheusRefusesAreRefusedWithItsMessage() {
        assertEquals("relabel configuration for hashmod requires non-zero modulus",
                refused(() -> rule(List.of("a"), null, null, null, "b", null, "hashmod")));
        assertEquals("relabel configuration for replace action requires 'target_label' value",
                refused(() -> rule(List.of("a"), null, null, null, null, null, null)));
        assertEquals("\"1a\" is invalid 'target_label' for replace action", refused(() -> rule(List.of("a"), null, null, null, "1a", null, null)));
        assertEquals("'replacement' can not be set for lowercase action",
                refused(() -> rule(List.of("a"), null, null, null, "b", "x", "lowercase")));
        assertEquals("\"-\" is invalid 'replacement' for labelmap action", refused(() -> rule(null, null, "(.*)", null, null, "-", "labelmap")));
        assertEquals("\"${1}\" is invalid 'target_label' for hashmod action",
                refused(() -> rule(List.of("a"), null, null, 10L, "${1}", null, "hashmod")));
        assertEquals("keepequal action requires only 'source_labels' and `target_label`, and no other fields",
                refused(() -> rule(List.of("a"), null, "x", null, "b", null, "keepequal")));
        assertEquals("labeldrop action requires only 'regex', and no other fields",
                refused(() -> rule(List.of("a"), null, "x", null, null, null, "labeldrop")));
        assertEquals("unknown relabel action \"rename\"", refused(() -> rule(List.of("a"), null, null, null, "b", null, "rename")));
        assertEquals("\"a-b\" is not a valid label name", refused(() -> rule(List.of("a-b"), null, null, null, "b", null, null)));
        assertEquals("\"a-b\" is invalid 'target_label' for keepequal action",
                refused(() -> rule(List.of("a"), null, null, null, "a-b", null, "keepequal")));
        assertTrue(refused(() -> rule(List.of("a"), null, "(", null, "b", null, null)).matches("error parsing regexp: [^:]+: .*"),
                "Go's words, once");
    }

    private static String refused(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }
}
