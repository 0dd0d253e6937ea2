package dev.vigil.logql.conformance;

import dev.vigil.logql.parser.Expr;
import dev.vigil.logql.parser.ParseException;
import dev.vigil.logql.parser.Parser;
import dev.vigil.logql.parser.Printer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every query of the conformance scripts that parses prints to text that parses to the same tree. */
class PrinterRoundTripTest {
    @Test
    void everyConformanceQueryRoundTripsThroughThePrinter() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getClassLoader().getResource("logql").toURI());
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                ScriptParser.parse(Files.readString(f)).forEach(e -> queries.add(e.query()));
            }
        }
        int checked = 0;
        for (String q : queries) {
            Expr first;
            try {
                first = Parser.parse(q);
            } catch (ParseException e) {
                continue;
            }
            String printed = Printer.print(first);
            assertEquals(first, Parser.parse(printed), q + "  printed as  " + printed);
            checked++;
        }
        assertTrue(checked > 150, "round-tripped " + checked + " queries");
    }
}
