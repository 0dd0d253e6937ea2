package dev.vigil.gotemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFormatTest {

    @ParameterizedTest(name = "{0} %{1}.{2} = {3}")
    @CsvSource({
        "1000000, g, -1, 1e+06",
        "123456, g, -1, 123456",
        "0.5, g, -1, 0.5",
        "0.0001, g, -1, 0.0001",
        "0.00001, g, -1, 1e-05",
        "1234.5, g, 4, 1234",
        "1234.6, g, 4, 1235",
        "12345, g, 4, 1.234e+04",
        "1000, g, 4, 1000",
        "1.5, g, 4, 1.5",
        "0.001234, g, 4, 0.001234",
        "3.14159, f, 2, 3.14",
        "2.5, f, 0, 2",
        "1234.5678, e, 3, 1.235e+03",
        "-0.25, g, -1, -0.25",
    })
    void formatsFloatsAsGoStrconvDoes(double v, char verb, int prec, String expected) {
        assertEquals(expected, GoFormat.formatFloat(v, verb, prec));
    }

    /** Go's fmt gives up on a width or precision past 1e6 digits-in ("crazy long") and prints %!(NOVERB). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%999999999s|%!(NOVERB)%!(EXTRA string=x)",
        "%.999999999f|%!(NOVERB)%!(EXTRA string=x)",
        "%5s|'    x'",
        "%-3s.|x  .",
    })
    void hugeWidthsAreNoVerbAsInGo(String format, String expected) {
        assertEquals(expected, GoFormat.sprintf(format, List.of("x")));
    }

    @Test
    void outputBeyondTheCapIsATemplateError() {
        TemplateSet set = new TemplateSet(Map.of(), GoFormat::print);
        TemplateException e = assertThrows(TemplateException.class,
                () -> set.expand("{{ printf \"%9999999s\" \"x\" }}", null));
        assertTrue(e.getMessage().contains("vigil.template.max-output-chars"), e.getMessage());
        assertEquals("      x", set.expand("{{ printf \"%7s\" \"x\" }}", null));
    }
}
