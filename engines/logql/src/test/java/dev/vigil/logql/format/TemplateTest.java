package dev.vigil.logql.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {
    /** 2024-01-02T03:04:05.123456789Z */
    private static final long TS = 1_704_164_645_123_456_789L;
    private static final TemplateData DATA = new TemplateData(
            Map.of("app", "api", "msg", "  Hello World  ", "n", "7", "path", "/a/b/c", "empty", ""), "the line", TS);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '¦', quoteCharacter = '\0', value = {
        "{{ Replace .path \"/\" \"_\" 2 }}¦_a_b/c",
        "{{ Replace .path \"/\" \"_\" -1 }}¦_a_b_c",
        "{{ Trim .msg \" Hd\" }}¦ello Worl",
        "{{ TrimLeft .path \"/a\" }}¦b/c",
        "{{ TrimRight .path \"/c\" }}¦/a/b",
        "[{{ TrimSpace .msg }}]¦[Hello World]",
        "{{ TrimSuffix .path \"/c\" }}¦/a/b",
        "{{ .msg | trimAll \" \" | lower }}¦hello world",
        "{{ repeat 3 .app }}¦apiapiapi",
        "{{ hasPrefix \"/a\" .path }} {{ hasSuffix \"x\" .path }}¦true false",
        "{{ trunc -3 .path }} {{ trunc 2 .path }} {{ trunc 99 .app }}¦b/c /a api",
        "{{ substr 2 99 .path }}|{{ substr -1 2 .path }}|{{ substr 3 1 .path }}¦/b/c|/a|",
        "{{ regexReplaceAllLiteral \"[ab]\" .path \"$1\" }}¦/$1/$1/c",
        "{{ regexReplaceAll \"/(?P<seg>[a-z])\" .path \"<${seg}>\" }}¦<a><b><c>",
        "{{ regexMatch \"^/a\" .path }}¦true",
        "[{{ alignLeft 5 .app }}][{{ alignRight 5 .app }}][{{ alignLeft 2 .app }}]¦[api  ][  api][ap]",
        "{{ .app | b64enc }} {{ \"YXBp\" | b64dec }}¦YXBp api",
        "{{ .path | urlencode }} {{ \"%2Fa\" | urldecode }}¦%2Fa%2Fb%2Fc /a",
        "{{ sub .n 2 }} {{ mul .n 3 }} {{ div .n 2 }} {{ mod .n 4 }} {{ max .n 9 }} {{ min .n 9 }}¦5 21 3 3 9 7",
        "{{ addf .n 0.5 }} {{ subf 1 0.25 }} {{ mulf 1.5 2 }} {{ ceil 1.2 }} {{ floor 1.8 }} {{ round 3.14159 2 }}¦7.5 0.75 3 2 1 3.14",
        "{{ int \"42\" }} {{ float64 \"1.5\" }} {{ len .app }}¦42 1.5 3",
        "{{ ne .app \"x\" }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1 2 }} {{ eq .app \"x\" \"api\" }}¦true true true true false true",
        "{{ and .app .empty }}|{{ or .empty .app }}|{{ not .empty }}¦|api|true",
        "{{ if and .app (eq .n \"7\") }}yes{{ end }}¦yes",
        "{{ if .empty }}a{{ else if .nothing }}b{{ else }}c{{ end }}¦c",
        "{{/* a comment */}}x¦x",
        "{{ printf \"%q %v %t %x %5.1e %g\" .app 3 true 255 1234.5 0.5 }}¦\"api\" 3 true ff 1.2e+03 0.5",
        "{{ printf \"%d\" .app }}¦%!d(string=api)",
        "{{ printf \"%s\" }}¦%!s(MISSING)",
        "{{ __line__ | ToUpper }}¦THE LINE",
        "{{ __timestamp__ | date \"2006-01-02 15:04:05.000 MST Mon Jan 3PM\" }}¦2024-01-02 03:04:05.123 UTC Tue Jan 3AM",
        "{{ __timestamp__ | unixEpochMillis }} {{ __timestamp__ | unixEpochNanos }}¦1704164645123 1704164645123456789",
        "{{ toDate \"2006-01-02\" \"2024-03-04\" | unixEpoch }}¦1709510400",
        "{{ unixToTime \"1704164645\" | date \"15:04\" }}¦03:04",
        "{{ __timestamp__ }}¦2024-01-02 03:04:05.123456789 +0000 UTC",
        "{{ 1.5 }} {{ 100000000.0 }} {{ 0.00001 }}¦1.5 100000000 1e-05",
    })
    void rendersAsGoTemplatesDo(String template, String expected) {
        assertEquals(expected, Template.parse(template).render(DATA));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', quoteCharacter = '\0', value = {
        "{{ .a ¦unclosed action",
        "{{ nosuch .a }}¦function \"nosuch\" not defined",
        "{{ if .a }}x¦missing {{end}}",
        "{{ end }}¦unexpected {{end}}",
        "{{ range .a }}{{ end }}¦not supported",
        "{{ $x := 1 }}¦not supported",
    })
    void badTemplatesAreRefusedWhenParsed(String template, String fragment) {
        TemplateFormatException e = assertThrows(TemplateFormatException.class, () -> Template.parse(template));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '¦', quoteCharacter = '\0', value = {
        "{{ div 1 0 }}¦integer divide by zero",
        "{{ ToUpper }}¦wrong number of args for ToUpper: want 1 got 0",
        "{{ .app | .n }}¦can't give argument to non-function",
        "{{ \"a\" \"b\" }}¦can't give argument to non-function",
        "{{ unixEpoch .app }}¦expected a time",
    })
    void failuresWhileRenderingAreTemplateExceptions(String template, String fragment) {
        TemplateFormatException e = assertThrows(TemplateFormatException.class, () -> Template.parse(template).render(DATA));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
