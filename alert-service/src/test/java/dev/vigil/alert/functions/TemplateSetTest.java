package dev.vigil.alert.functions;

import dev.vigil.gotemplate.TemplateException;
import dev.vigil.gotemplate.TemplateObject;
import dev.vigil.gotemplate.TemplateSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateSetTest {

    /** A stand-in for Alertmanager's KV type: fields by name plus a method with arguments. */
    record Kv(Map<String, String> map) implements TemplateObject {
        @Override
        public Optional<Object> member(String name, List<Object> args) {
            return switch (name) {
                case "Names" -> Optional.of(List.copyOf(new java.util.TreeMap<>(map).keySet()));
                case "Values" -> Optional.of(List.copyOf(new java.util.TreeMap<>(map).values()));
                case "Remove" -> {
                    Map<String, String> m = new java.util.TreeMap<>(map);
                    ((List<?>) args.get(0)).forEach(m::remove);
                    yield Optional.of(new Kv(m));
                }
                default -> Optional.of(map.getOrDefault(name, ""));
            };
        }
    }

    static final Map<String, Object> DATA = Map.of(
            "Status", "firing",
            "Alerts", List.of(
                    Map.of("Labels", Map.of("alertname", "HighCPU", "instance", "a:9100"), "Value", 0.93),
                    Map.of("Labels", Map.of("alertname", "HighCPU", "instance", "b:9100"), "Value", 1234567.0)),
            "CommonLabels", new Kv(Map.of("alertname", "HighCPU", "job", "node", "team", "ops")),
            "GroupLabels", new Kv(Map.of("alertname", "HighCPU")),
            "Count", 3L,
            "Empty", List.of());

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("field", "{{ .Status }}", "firing"),
                Arguments.of("nested field", "{{ .CommonLabels.alertname }}", "HighCPU"),
                Arguments.of("missing map key prints empty", "[{{ .Alerts | len }}{{ (index .Alerts 0).Labels.nope }}]", "[2]"),
                Arguments.of("range", "{{ range .Alerts }}{{ .Labels.instance }};{{ end }}", "a:9100;b:9100;"),
                Arguments.of("range index and value", "{{ range $i, $a := .Alerts }}{{ $i }}={{ $a.Labels.instance }} {{ end }}", "0=a:9100 1=b:9100 "),
                Arguments.of("range over map sorted", "{{ range $k, $v := (index .Alerts 0).Labels }}{{ $k }}:{{ $v }},{{ end }}", "alertname:HighCPU,instance:a:9100,"),
                Arguments.of("range else", "{{ range .Empty }}x{{ else }}none{{ end }}", "none"),
                Arguments.of("if else if else", "{{ if eq .Status \"resolved\" }}R{{ else if eq .Status \"firing\" }}F{{ else }}?{{ end }}", "F"),
                Arguments.of("with", "{{ with .CommonLabels.team }}team={{ . }}{{ end }}", "team=ops"),
                Arguments.of("with else", "{{ with .CommonLabels.nope }}x{{ else }}no team{{ end }}", "no team"),
                Arguments.of("variables and assignment", "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "2"),
                Arguments.of("dollar is root", "{{ range .Alerts }}{{ $.Status }}{{ end }}", "firingfiring"),
                Arguments.of("else if with trim markers", "{{- if eq .Count 1 -}} one {{- else if eq .Count 3 -}} three {{- else -}} many {{- end }}", "three"),
                Arguments.of("else with", "{{ with .CommonLabels.nope }}a{{ else with .Status }}b={{ . }}{{ end }}", "b=firing"),
                Arguments.of("trim markers", "a  {{- \"b\" -}}  \n c", "abc"),
                Arguments.of("comment", "a{{/* ignored */}}b{{- /* trimmed */ -}} c", "abc"),
                Arguments.of("pipeline into function", "{{ .Status | toUpper }}", "FIRING"),
                Arguments.of("method with argument", "{{ (.CommonLabels.Remove .GroupLabels.Names).Values | join \" \" }}", "node ops"),
                Arguments.of("comparisons", "{{ lt 1 2 }} {{ gt (len .Alerts) 1 }} {{ le 2 2.0 }} {{ ge \"b\" \"a\" }} {{ ne .Count 3 }}", "true true true true false"),
                Arguments.of("and or not", "{{ and 1 0 }} {{ or 0 \"\" \"x\" }} {{ not .Empty }}", "0 x true"),
                Arguments.of("eq with several", "{{ eq .Status \"a\" \"firing\" }}", "true"),
                Arguments.of("printf", "{{ printf \"%s has %d alerts (%.2f) %q %5s|%-3d|\" .Status .Count 3.14159 \"x\" \"ab\" 7 }}", "firing has 3 alerts (3.14) \"x\"    ab|7  |"),
                Arguments.of("print and println", "{{ print 1 2 \"a\" 3 }}{{ println \"x\" 1 }}", "1 2a3x 1\n"),
                Arguments.of("float printing as Go", "{{ range .Alerts }}{{ .Value }} {{ end }}", "0.93 1.234567e+06 "),
                Arguments.of("index", "{{ index .Alerts 1 \"Labels\" \"instance\" }}", "b:9100"),
                Arguments.of("define and template", "{{ define \"x\" }}<{{ . }}>{{ end }}{{ template \"x\" .Status }}", "<firing>"),
                Arguments.of("block", "{{ block \"b\" .Count }}[{{ . }}]{{ end }}", "[3]"),
                Arguments.of("title toLower", "{{ title \"hello wide world\" }} {{ toLower \"ABC\" }}", "Hello Wide World abc"),
                Arguments.of("match", "{{ match \"^High\" .CommonLabels.alertname }} {{ match \"x\" \"abc\" }}", "true false"),
                Arguments.of("reReplaceAll", "{{ reReplaceAll \"(a+)(b)\" \"${2}-$1\" \"xaab aab\" }}", "xb-aa b-aa"),
                Arguments.of("reReplaceAll empty matches", "{{ reReplaceAll \"x*\" \"-\" \"abc\" }}", "-a-b-c-"),
                Arguments.of("stringSlice join", "{{ stringSlice \"a\" \"b\" | join \", \" }}", "a, b"),
                Arguments.of("safeHtml html urlquery", "{{ safeHtml \"<b>\" }} {{ html \"<b>&'\" }} {{ urlquery \"a b&c\" }}", "<b> &lt;b&gt;&amp;&#39; a+b%26c"),
                Arguments.of("humanize", "{{ humanize 1234567.0 }} {{ humanize 0.001234 }} {{ humanize 0 }} {{ humanize 999 }}", "1.235M 1.234m 0 999"),
                Arguments.of("humanize1024", "{{ humanize1024 1048576 }} {{ humanize1024 1.5 }} {{ humanize1024 0.5 }}", "1Mi 1.5 0.5"),
                Arguments.of("humanizeDuration", "{{ humanizeDuration 93784 }} {{ humanizeDuration 3725.5 }} {{ humanizeDuration 59.99 }} {{ humanizeDuration 0.25 }} {{ humanizeDuration 0 }}", "1d 2h 3m 4s 1h 2m 5s 59.99s 250ms 0s"),
                Arguments.of("humanizePercentage", "{{ humanizePercentage 0.1234 }} {{ humanizePercentage 1 }}", "12.34% 100%"),
                Arguments.of("humanizeTimestamp", "{{ humanizeTimestamp 1435065584.128 }}", "2015-06-23 13:19:44.128 +0000 UTC"),
                Arguments.of("humanize of string", "{{ \"1000\" | humanize }}", "1k"),
                Arguments.of("raw string and char", "{{ `a\\nb` }}{{ 'a' }}", "a\\nb97"),
                Arguments.of("parenthesized pipeline", "{{ (printf \"%s-%s\" \"a\" \"b\") | toUpper }}", "A-B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersLikeGoTextTemplate(String name, String text, String expected) {
        assertEquals(expected, AlertFunctions.newSet().expand(name, text, DATA));
    }

    @Test
    void definesAreSharedAcrossTheSet() {
        TemplateSet set = AlertFunctions.newSet();
        set.add("lib.tmpl", "{{ define \"greeting\" }}Hello {{ .CommonLabels.team }}{{ end }}");
        assertEquals("Hello ops!", set.expand("{{ template \"greeting\" . }}!", DATA));
        assertEquals("Hello ops", set.execute("greeting", DATA));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("{{ .Status ", "template: t:1: unclosed action"),
                Arguments.of("{{ if .Status }}x", "template: t:1: unexpected EOF"),
                Arguments.of("a\n{{ nofunc 1 }}", "template: t:2: function \"nofunc\" not defined"),
                Arguments.of("{{ end }}", "template: t:1: unexpected {{end}}"),
                Arguments.of("{{ template \"missing\" . }}", "no template \"missing\""),
                Arguments.of("{{ .Status.Foo }}", "template: t:1:4: executing \"t\" at <.Status.Foo>: can't evaluate field Foo in type String"),
                Arguments.of("{{ index .Alerts 5 }}", "error calling index: index out of range: 5"),
                Arguments.of("{{ $nope }}", "undefined variable: $nope"),
                Arguments.of("{{ lt 1 \"a\" }}", "incompatible types for comparison"),
                Arguments.of("{{ \"x\" 1 }}", "can't give argument to non-function"),
                Arguments.of("{{ match \"(\" \"x\" }}", "error parsing regexp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsErrorsWithPositions(String text, String expected) {
        TemplateException e = assertThrows(TemplateException.class, () -> AlertFunctions.newSet().expand("t", text, DATA));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    @Test
    void extraFunctionsCanBeRegistered() {
        TemplateSet set = AlertFunctions.newSet(Map.of("double", args -> ((Number) args.get(0)).longValue() * 2));
        assertEquals("6", set.expand("{{ .Count | double }}", DATA));
    }
}
