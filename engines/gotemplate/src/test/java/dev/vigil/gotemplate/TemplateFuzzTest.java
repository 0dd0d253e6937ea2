package dev.vigil.gotemplate;

import dev.vigil.model.fuzz.Fuzz;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Templates derived from Go's own text/template test cases by random edits ({@link Fuzz}) are
 * parsed and executed: the only exception is {@link TemplateException}, with a message, and no
 * input hangs or writes past the output cap.
 */
class TemplateFuzzTest {
    private static final String ALPHABET = "{}()|$.:=-\"`' \t\nabcxyzIXU0123456789,/*";
    private static final List<String> TOKENS = List.of("{{", "}}", "{{-", "-}}", "{{end}}", "{{else}}", "{{range $i, $e := .SI}}",
            "{{if .True}}", "{{with .U}}", "{{define \"x\"}}", "{{template \"x\" .}}", "{{block \"b\" .}}", " | printf \"%999999999s\" ",
            " | printf \"%9999999d\" ", "(", ")", "$x := ", "$x = ", ".MSI.one", "index .SI 99", "slice .X 1 0", "call .X",
            "len", "and", "or", "not", "eq", "lt", "html", "js", "urlquery", "print", "1e308", "0x7fffffffffffffff", "nil");

    @Test
    void editedTemplatesFailOnlyWithTemplateException() {
        List<String> seeds = GoExecTableTest.EXEC.stream().map(GoExecTableTest.Case::input).toList();
        List<String> inputs = Fuzz.strings(23, seeds, ALPHABET, TOKENS, Fuzz.INPUTS);
        int clean = Fuzz.check(inputs, Fuzz::show, t -> {
            try {
                new TemplateSet().expand("fuzz", t, GoExecTableTest.T_VAL);
                return true;
            } catch (TemplateException e) {
                return Fuzz.refused(e);
            }
        });
        assertTrue(clean >= 1_000, "many inputs must execute: " + clean);
    }
}
