package dev.vigil.promql;

import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.script.ScriptRunner;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Runs every eval of Prometheus's own PromQL test files ({@code promql/testdata}, v2.42.0) and of
 * Vigil's additions ({@code promql/vigil}) as its own test, read from the classpath.
 */
class ConformanceTest {
    @TestFactory
    Stream<DynamicNode> prometheusTestFiles() throws IOException, URISyntaxException {
        return filesIn("promql/testdata");
    }

    @TestFactory
    Stream<DynamicNode> vigilTestFiles() throws IOException, URISyntaxException {
        return filesIn("promql/vigil");
    }

    private Stream<DynamicNode> filesIn(String dir) throws IOException, URISyntaxException {
        URL url = getClass().getClassLoader().getResource(dir);
        if (url == null) {
            throw new IllegalStateException("test data directory missing from classpath: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .test files in " + dir);
        ScriptRunner runner = new ScriptRunner(EngineOptions.defaults());
        List<DynamicNode> out = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String text;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(dir + "/" + name)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            out.add(DynamicContainer.dynamicContainer(name, runner.tests(name, text)));
        }
        return out.stream();
    }
}
