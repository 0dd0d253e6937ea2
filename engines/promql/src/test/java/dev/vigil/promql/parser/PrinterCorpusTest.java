package dev.vigil.promql.parser;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Prints every query of the .test files exactly as Prometheus 2.42's format_query did (promql/format/format_query.tsv). */
class PrinterCorpusTest {
    @TestFactory
    List<DynamicTest> printsLikeFormatQuery() throws IOException {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("promql/format/format_query.tsv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            tests.add(DynamicTest.dynamicTest(parts[0], () -> assertEquals(parts[1], Printer.print(Parser.parse(parts[0])))));
        }
        assertFalse(tests.isEmpty());
        return tests;
    }
}
