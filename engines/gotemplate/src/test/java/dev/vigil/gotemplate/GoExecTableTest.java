package dev.vigil.gotemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cases of Go's own text/template tests, {@code execTests} in src/text/template/exec_test.go and
 * {@code parseTests} in src/text/template/parse/parse_test.go (Copyright The Go Authors, BSD-style
 * licence), kept where they need no Go reflection: Go's struct {@code tVal} becomes a map with the
 * same field names and values, and methods on it are left out. One test per case, under Go's name.
 */
class GoExecTableTest {

    record Case(String name, String input, String output, boolean ok) {
    }

    private static Case ok(String name, String input, String output) {
        return new Case(name, input, output, true);
    }

    private static Case fails(String name, String input) {
        return new Case(name, input, "", false);
    }

    static final Map<String, Object> T_VAL = Map.ofEntries(
            Map.entry("True", true),
            Map.entry("I", 17L),
            Map.entry("X", "x"),
            Map.entry("FloatZero", 0.0),
            Map.entry("U", Map.of("V", "v")),
            Map.entry("SI", List.of(3L, 4L, 5L)),
            Map.entry("SIEmpty", List.of()),
            Map.entry("SB", List.of(true, false)),
            Map.entry("MSI", Map.of("one", 1L, "two", 2L, "three", 3L)),
            Map.entry("MSIone", Map.of("one", 1L)),
            Map.entry("MSIEmpty", Map.of()),
            Map.entry("SMSI", List.of(Map.of("one", 1L, "two", 2L), Map.of("eleven", 11L, "twelve", 12L))),
            Map.entry("MXI", Map.of()));

    static final List<Case> EXEC = List.of(
            // Trivial cases.
            ok("empty", "", ""),
            ok("text", "some text", "some text"),
            // Fields of the data.
            ok(".X", "-{{.X}}-", "-x-"),
            ok(".U.V", "-{{.U.V}}-", "-v-"),
            ok("map .one", "{{.MSI.one}}", "1"),
            ok("map .WRONG args", "{{.MSIone}}", "map[one:1]"),
            fails("map .one interface", "{{.MSI.one 1}}"),
            // Dots of all kinds to test basic evaluation.
            ok("dot int", "<{{.}}>", "<17>"),
            // Variables.
            ok("$ int", "{{$}}", "17"),
            ok("with $x int", "{{with $x := .}}{{$x}}{{end}}", "17"),
            ok("declare in action", "{{$x := 1}}{{$x}}", "1"),
            ok("simple assignment", "{{$x := 2}}{{$x = 3}}{{$x}}", "3"),
            ok("nested assignment", "{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}", "3"),
            ok("nested assignment changes the last declaration",
                    "{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}", "1"),
            fails("undefined variable", "{{$nope}}"),
            // Parenthesized expressions.
            ok("parens in pipeline", "{{printf `%d %d %d` (1) (2 | printf \"%d\" | len) (len (printf \"%d\" 123456))}}", "1 1 6"),
            ok("parens: $ in paren", "{{($).X}}", "x"),
            // If.
            ok("if true", "{{if true}}TRUE{{end}}", "TRUE"),
            ok("if false", "{{if false}}TRUE{{else}}FALSE{{end}}", "FALSE"),
            ok("if 1", "{{if 1}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO"),
            ok("if 0", "{{if 0}}NON-ZERO{{else}}ZERO{{end}}", "ZERO"),
            ok("if 1.5", "{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO"),
            ok("if 0.0", "{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}", "ZERO"),
            ok("if emptystring", "{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY"),
            ok("if string", "{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY"),
            ok("if emptyslice", "{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY"),
            ok("if slice", "{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY"),
            ok("if emptymap", "{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY"),
            ok("if map", "{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY"),
            ok("if map unset", "{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}", "ZERO"),
            ok("if map not unset", "{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}", "ZERO"),
            ok("if $x with $y int", "{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}", "true,17"),
            ok("if $x with $x int", "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}", "17,true"),
            ok("if else if", "{{if false}}FALSE{{else if true}}TRUE{{end}}", "TRUE"),
            ok("if else chain", "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}", "3"),
            // Print etc.
            ok("print", "{{print \"hello, print\"}}", "hello, print"),
            ok("print 123", "{{print 1 2 3}}", "1 2 3"),
            ok("println", "{{println 1 2 3}}", "1 2 3\n"),
            ok("printf int", "{{printf \"%04x\" 127}}", "007f"),
            ok("printf float", "{{printf \"%g\" 3.5}}", "3.5"),
            ok("printf string", "{{printf \"%s\" \"hello\"}}", "hello"),
            ok("printf field", "{{printf \"%s\" .U.V}}", "v"),
            ok("printf dot", "{{with .I}}{{printf \"%d\" .}}{{end}}", "17"),
            ok("printf var", "{{with $x := .I}}{{printf \"%d\" $x}}{{end}}", "17"),
            // HTML, JavaScript, URL query.
            ok("html", "{{html \"<script>alert(\\\"XSS\\\");</script>\"}}", "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;"),
            ok("html pipeline", "{{printf \"<script>alert(\\\"XSS\\\");</script>\" | html}}",
                    "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;"),
            ok("js", "{{js \"It'd be nice.\"}}", "It\\'d be nice."),
            ok("urlquery", "{{\"http://www.example.org/\"|urlquery}}", "http%3A%2F%2Fwww.example.org%2F"),
            // Booleans.
            ok("not", "{{not true}} {{not false}}", "false true"),
            ok("and", "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1"),
            ok("or", "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1"),
            ok("boolean if", "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}", "TRUE"),
            ok("boolean if not", "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}", "FALSE"),
            // Indexing.
            ok("slice[0]", "{{index .SI 0}}", "3"),
            ok("slice[1]", "{{index .SI 1}}", "4"),
            fails("slice[HUGE]", "{{index .SI 10}}"),
            fails("slice[WRONG]", "{{index .SI `hello`}}"),
            fails("slice[nil]", "{{index .SI nil}}"),
            ok("map[one]", "{{index .MSI `one`}}", "1"),
            ok("map[two]", "{{index .MSI `two`}}", "2"),
            ok("double index", "{{index .SMSI 1 `eleven`}}", "11"),
            fails("nil[1]", "{{index nil 1}}"),
            // Slicing.
            ok("slice[:]", "{{slice .SI}}", "[3 4 5]"),
            ok("slice[1:]", "{{slice .SI 1}}", "[4 5]"),
            ok("slice[1:2]", "{{slice .SI 1 2}}", "[4]"),
            fails("slice[-1:]", "{{slice .SI -1}}"),
            fails("slice[1:-2]", "{{slice .SI 1 -2}}"),
            fails("out of range", "{{slice .SI 4 5}}"),
            fails("out of range", "{{slice .SI 2 1}}"),
            ok("string[:]", "{{slice \"hello\"}}", "hello"),
            ok("string[0:1]", "{{slice \"hello\" 0 1}}", "h"),
            ok("string[1:2]", "{{slice \"hello\" 1 2}}", "e"),
            fails("string[1:2:3]", "{{slice \"hello\" 1 2 3}}"),
            // Len.
            ok("slice", "{{len .SI}}", "3"),
            ok("map", "{{len .MSI }}", "3"),
            fails("len of int", "{{len 3}}"),
            fails("len of nothing", "{{len nil}}"),
            // With.
            ok("with true", "{{with true}}{{.}}{{end}}", "true"),
            ok("with false", "{{with false}}{{.}}{{else}}FALSE{{end}}", "FALSE"),
            ok("with 1", "{{with 1}}{{.}}{{else}}ZERO{{end}}", "1"),
            ok("with 0", "{{with 0}}{{.}}{{else}}ZERO{{end}}", "ZERO"),
            ok("with 1.5", "{{with 1.5}}{{.}}{{else}}ZERO{{end}}", "1.5"),
            ok("with 0.0", "{{with .FloatZero}}{{.}}{{else}}ZERO{{end}}", "ZERO"),
            ok("with emptystring", "{{with ``}}{{.}}{{else}}EMPTY{{end}}", "EMPTY"),
            ok("with string", "{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}", "notempty"),
            ok("with emptyslice", "{{with .SIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY"),
            ok("with slice", "{{with .SI}}{{.}}{{else}}EMPTY{{end}}", "[3 4 5]"),
            ok("with emptymap", "{{with .MSIEmpty}}{{.}}{{else}}EMPTY{{end}}", "EMPTY"),
            ok("with map", "{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}", "map[one:1]"),
            ok("with $x int", "{{with $x := .I}}{{$x}}{{end}}", "17"),
            ok("with $x struct.U.V", "{{with $x := $}}{{$x.U.V}}{{end}}", "v"),
            ok("with variable and action", "{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}", "v"),
            ok("with else with", "{{with 0}}{{.}}{{else with true}}{{.}}{{end}}", "true"),
            // Range.
            ok("range []int", "{{range .SI}}-{{.}}-{{end}}", "-3--4--5-"),
            ok("range empty no else", "{{range .SIEmpty}}-{{.}}-{{end}}", ""),
            ok("range []int else", "{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}", "-3--4--5-"),
            ok("range empty else", "{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY"),
            ok("range []bool", "{{range .SB}}-{{.}}-{{end}}", "-true--false-"),
            // Go ranges a map in key order: one, three, two.
            ok("range map", "{{range .MSI}}-{{.}}-{{end}}", "-1--3--2-"),
            ok("range empty map no else", "{{range .MSIEmpty}}-{{.}}-{{end}}", ""),
            ok("range map else", "{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}", "-1--3--2-"),
            ok("range empty map else", "{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY"),
            ok("range $x SI", "{{range $x := .SI}}<{{$x}}>{{end}}", "<3><4><5>"),
            ok("range $x $y SI", "{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}", "<0=3><1=4><2=5>"),
            ok("range $x MSIone", "{{range $x := .MSIone}}<{{$x}}>{{end}}", "<1>"),
            ok("range $x $y MSIone", "{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}", "<one=1>"),
            ok("range int", "{{range 5}}{{.}}{{end}}", "01234"),
            ok("range $i int", "{{range $i := 3}}<{{$i}}>{{end}}", "<0><1><2>"),
            // Cute examples.
            ok("or as if true", "{{or .SI \"slice is empty\"}}", "[3 4 5]"),
            ok("or as if false", "{{or .SIEmpty \"slice is empty\"}}", "slice is empty"),
            // Fixed bugs.
            fails("bug7a", "{{3 2}}"),
            fails("bug7b", "{{$x := 1}}{{$x 2}}"),
            fails("bug7c", "{{$x := 1}}{{3 | $x}}"),
            ok("bug9", "{{.cause}}", "neglect"),
            fails("bug14a", "{{(nil).True}}"),
            fails("bug14b", "{{$x := nil}}{{$x.anything}}"),
            ok("bug16k", "{{\"aaa\"|printf }}", "aaa"),
            // Comparisons (exec_test.go cmpTests).
            ok("eq true true", "{{eq true true}}", "true"),
            ok("eq true false", "{{eq true false}}", "false"),
            ok("eq 1.5 1.5", "{{eq 1.5 1.5}}", "true"),
            ok("eq 1 1", "{{eq 1 1}}", "true"),
            ok("eq `xy` `xy`", "{{eq `xy` `xy`}}", "true"),
            ok("eq `xy` `xyz`", "{{eq `xy` `xyz`}}", "false"),
            ok("eq .I 17 3", "{{eq 3 4 5 6 3}}", "true"),
            ok("ne 1 2", "{{ne 1 2}}", "true"),
            ok("lt 1.5 2.5", "{{lt 1.5 2.5}}", "true"),
            ok("lt `xy` `xz`", "{{lt `xy` `xz`}}", "true"),
            ok("le 2 2", "{{le 2 2}}", "true"),
            ok("gt 3 2", "{{gt 3 2}}", "true"),
            ok("ge 1 2", "{{ge 1 2}}", "false"),
            fails("lt true false", "{{lt true false}}"),
            fails("eq `xy` 1", "{{eq `xy` 1}}"),
            fails("lt 1 `xy`", "{{lt 1 `xy`}}"));

    /** With the exec cases: texts that must not parse ({@code parseTests} cases with hasError). */
    static final List<Case> PARSE_ERRORS = List.of(
            fails("unclosed action", "hello{{range"),
            fails("unmatched end", "{{end}}"),
            fails("unmatched else", "{{else}}"),
            fails("unmatched else after if", "{{if .X}}hello{{end}}{{else}}"),
            fails("multiple else", "{{if .X}}1{{else}}2{{else}}3{{end}}"),
            fails("missing end", "hello{{range .x}}"),
            fails("missing end after else", "hello{{range .x}}{{else}}"),
            fails("undefined function", "hello{{undefined}}"),
            fails("unclosed left paren", "{{(3}}"),
            fails("unmatched right paren", "{{3)}}"),
            fails("unclosed quote", "{{\"hello}}"),
            fails("unclosed raw quote", "{{`hello}}"),
            fails("unclosed comment", "{{/*}}"),
            fails("comment with text", "{{/* c */ 3}}"),
            fails("define in action", "{{if .X}}{{define \"a\"}}a{{end}}{{end}}"),
            fails("empty pipeline", "{{}}"),
            fails("bad number", "{{3k}}"),
            fails("template with no name", "{{template .X}}"));

    /** Texts of {@code parseTests} without errors, with what Go prints when they run. */
    static final List<Case> PARSES = List.of(
            ok("spaces", " \t\n", " \t\n"),
            ok("text", "some text", "some text"),
            ok("emptyAction", "{{ \"\" }}", ""),
            ok("field", "{{.X}}", "x"),
            ok("$ invocation", "{{$}}", "17"),
            ok("variable with fields", "{{$.U.V}}", "v"),
            ok("multi-word command", "{{printf `%d` 23}}", "23"),
            ok("pipeline", "{{.X|len}}", "1"),
            ok("pipeline with decl", "{{$x := .X|len}}{{$x}}", "1"),
            ok("nested pipeline", "{{.X | printf \"%s\" | len}}", "1"),
            ok("simple if", "{{if .X}}hello{{end}}", "hello"),
            ok("if with else", "{{if .X}}true{{else}}false{{end}}", "true"),
            ok("if with else if", "{{if .X}}true{{else if .Y}}false{{end}}", "true"),
            ok("simple range", "{{range .SI}}hello{{end}}", "hellohellohello"),
            ok("range with else", "{{range .SI}}true{{else}}false{{end}}", "truetruetrue"),
            ok("range over pipeline", "{{range .SI|len}}{{.}}{{end}}", "012"),
            ok("range []int", "{{range .SI}}{{.}}{{end}}", "345"),
            ok("range 1 var", "{{range $x := .SI}}hello{{end}}", "hellohellohello"),
            ok("range 2 vars", "{{range $x, $y := .SI}}hello{{end}}", "hellohellohello"),
            ok("template", "{{define \"x\"}}X{{end}}{{template `x`}}", "X"),
            ok("template with arg", "{{define \"x\"}}<{{.}}>{{end}}{{template `x` .X}}", "<x>"),
            ok("with", "{{with .X}}hello{{end}}", "hello"),
            ok("with with else", "{{with .X}}hello{{else}}goodbye{{end}}", "hello"),
            ok("trim left", "x \r\n\t{{- 3}}", "x3"),
            ok("trim right", "{{3 -}}\n\n\ty", "3y"),
            ok("trim left and right", "x \r\n\t{{- 3 -}}\n\n\ty", "x3y"),
            ok("trim with extra spaces", "x\n{{-  3   -}}\ny", "x3y"),
            ok("comment trim left", "x \r\n\t{{- /* hi */}}", "x"),
            ok("comment trim right", "{{/* hi */ -}}\n\n\ty", "y"),
            ok("block definition", "{{block \"foo\" .}}hello{{end}}", "hello"),
            ok("newline in assignment", "{{ $x \n := \n 1 \n }}{{$x}}", "1"),
            ok("newline in pipeline", "{{\n\"x\"\n|\nprintf\n}}", "x"));

    /**
     * {@code parseTests} texts that parse but cannot run (Go's test only parses them); Go's
     * complex constant {@code -3.2i} is left out of "constants", Java has no complex numbers.
     */
    static final List<String> PARSE_ONLY = List.of(
            "{{printf}}",
            "{{range .U.V}}hello{{end}}",
            "{{range .SI 1 -3.2 true false 'a' nil}}{{end}}");

    private static Map<String, Object> dataFor(Case c) {
        return switch (c.name()) {
            case "bug9" -> Map.of("cause", "neglect");
            default -> T_VAL;
        };
    }

    @TestFactory
    Stream<DynamicTest> execTests() {
        return run(EXEC);
    }

    @TestFactory
    Stream<DynamicTest> parseTests() {
        Stream<DynamicTest> parseOnly = PARSE_ONLY.stream().map(text -> DynamicTest.dynamicTest("parses: " + text,
                () -> new TemplateSet().add("t", text)));
        return Stream.concat(Stream.concat(run(PARSES), parseOnly), PARSE_ERRORS.stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.input(),
                () -> assertThrows(TemplateException.class, () -> new TemplateSet().add(c.name(), c.input())))));
    }

    private static Stream<DynamicTest> run(List<Case> cases) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.input(), () -> {
            Object dot = c.input().contains("{{.}}") || c.input().startsWith("<{{.}}") || c.input().contains("{{$}}")
                    || c.input().contains("with $x := .}}") ? dataOrInt(c) : dataFor(c);
            if (c.ok()) {
                assertEquals(c.output(), new TemplateSet().expand(c.name(), c.input(), dot));
            } else {
                assertThrows(TemplateException.class, () -> new TemplateSet().expand(c.name(), c.input(), dot));
            }
        }));
    }

    /** Go runs its "dot" and "$" cases with dot = 17 instead of tVal. */
    private static Object dataOrInt(Case c) {
        return c.name().startsWith("dot") || c.name().startsWith("$") || c.name().equals("with $x int") ? (Object) 17L : dataFor(c);
    }
}
