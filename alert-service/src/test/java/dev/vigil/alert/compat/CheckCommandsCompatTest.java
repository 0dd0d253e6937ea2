package dev.vigil.alert.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.alert.cli.VigilCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vigil check rules} beside promtool and {@code vigil check config} beside amtool, on the
 * same files: the same verdict and exit code, the same output on success, and on failure the same
 * errors (promtool's line:column positions aside, which come from its YAML parser).
 */
class CheckCommandsCompatTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final List<String> RULE_FILES = List.of("node-mixin-alerts.yaml", "node-mixin-rules.yaml", "windows-mixin-alerts.yaml",
            "kube-prometheus-kubePrometheus-prometheusRule.yaml", "kube-prometheus-kubeStateMetrics-prometheusRule.yaml",
            "kube-prometheus-kubernetesControlPlane-prometheusRule.yaml", "kube-prometheus-nodeExporter-prometheusRule.yaml");
    /** promtool's "file: 5:11: " (and "4:13: 5:12: ") before a message. */
    private static final Pattern POSITION = Pattern.compile("^(\\d+:\\d+: )+");

    record Run(int code, String out, String err) {
    }

    private static Run tool(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Run vigil(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VigilCheck.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The error lines of a failed file, without the file name and promtool's positions. */
    private static TreeSet<String> errors(Run r, String file) {
        TreeSet<String> out = new TreeSet<>();
        for (String line : r.err().split("\n")) {
            if (line.startsWith(file + ": ")) {
                out.add(POSITION.matcher(line.substring(file.length() + 2)).replaceFirst(""));
            }
        }
        return out;
    }

    private static String resource(String resource) throws IOException {
        try (InputStream in = CheckCommandsCompatTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = CheckCommandsCompatTest.class.getResourceAsStream(resource)) {
            Files.write(target, in.readAllBytes());
        }
    }

    @Test
    void mixinRuleFilesGetPromtoolsVerdict(@TempDir Path dir) throws Exception {
        Binaries.require(PROMTOOL, "prometheus");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> files = new ArrayList<>();
        for (String f : RULE_FILES) {
            copy("/rules/mixins/" + f, dir.resolve(f));
            files.add(f);
            if (f.contains("prometheusRule")) {
                // the kubernetes-mixin's groups as a plain rule file: the PrometheusRule's spec
                String spec = "spec-" + f;
                yaml.writeValue(dir.resolve(spec).toFile(), yaml.readTree(dir.resolve(f).toFile()).path("spec"));
                files.add(spec);
            }
        }
        for (String f : files) {
            Run promtool = tool(dir, PROMTOOL.toString(), "check", "rules", f);
            Run vigil = vigil("check", "rules", dir.resolve(f).toString());
            assertEquals(promtool.code(), vigil.code(), f + ": promtool " + promtool + " vigil " + vigil);
            if (promtool.code() == 0) {
                // success, or a lint finding (the kubernetes-mixin's control-plane rules repeat one recording rule)
                assertEquals(promtool.out().replace(f, "F"), vigil.out().replace(dir.resolve(f).toString(), "F"), f);
                assertEquals(promtool.err(), vigil.err(), f);
            } else {
                assertTrue(vigil.err().startsWith("  FAILED:\n"), f + " " + vigil);
            }
        }
        assertEquals(4, files.stream().filter(f -> f.startsWith("spec-")).count());
    }

    @Test
    void brokenRuleFilesGetPromtoolsErrors(@TempDir Path dir) throws Exception {
        Binaries.require(PROMTOOL, "prometheus");
        Map<String, String> broken = Map.of(
                "parse.yml", """
                        groups:
                        - name: a
                          rules:
                          - alert: X
                            expr: rate(foo[5m] > 1
                          - record: "bad name"
                            expr: up
                          - alert: Y
                            expr: up == 0
                            labels:
                              "1bad": x
                            annotations:
                              summary: "{{ $value | nosuchfunc }}"
                        """,
                "both.yml", """
                        groups:
                        - name: b
                          rules:
                          - record: job:up:sum
                            alert: Both
                            expr: sum(up)
                        """,
                "repeated.yml", """
                        groups:
                        - name: a
                          rules: [{record: a:b, expr: up}]
                        - name: a
                          rules: []
                        """,
                "recording-extras.yml", """
                        groups:
                        - name: r
                          rules:
                          - record: job:up:sum
                            expr: sum(up)
                            for: 5m
                            annotations: {a: b}
                        """,
                "no-expr.yml", """
                        groups:
                        - name: n
                          rules:
                          - alert: NoExpr
                        """,
                "duplicates.yml", """
                        groups:
                        - name: d
                          rules:
                          - record: job:up:sum
                            expr: sum by (job) (up)
                          - record: job:up:sum
                            expr: sum by (job) (up)
                        """);
        for (Map.Entry<String, String> e : broken.entrySet()) {
            String f = e.getKey();
            Files.writeString(dir.resolve(f), e.getValue());
            Run promtool = tool(dir, PROMTOOL.toString(), "check", "rules", f);
            Run vigil = vigil("check", "rules", dir.resolve(f).toString());
            assertEquals(promtool.code(), vigil.code(), f + ": promtool " + promtool + " vigil " + vigil);
            assertEquals(promtool.err().replace(f + ": ", "F: ").replaceAll("(?m)^F: (\\d+:\\d+: )+", "F: "),
                    vigil.err().replace(dir.resolve(f) + ": ", "F: "), f);
            assertEquals(errors(promtool, f), errors(vigil, dir.resolve(f).toString()), f);
        }
    }

    @Test
    void configFilesGetAmtoolsVerdictAndOutput(@TempDir Path dir) throws Exception {
        Binaries.require(Binaries.AMTOOL, "prometheus-alertmanager");
        Map<String, String> configs = new java.util.LinkedHashMap<>(Map.of(
                "ok.yml", """
                        global:
                          smtp_smarthost: 'localhost:25'
                          smtp_from: 'a@b.c'
                        templates: ['tmpl/*.tmpl']
                        route:
                          receiver: team
                          routes:
                          - receiver: web
                            matchers: [severity="critical"]
                        inhibit_rules:
                        - source_matchers: [severity="critical"]
                          target_matchers: [severity="warning"]
                          equal: [alertname]
                        receivers:
                        - name: team
                          email_configs:
                          - to: x@y.z
                        - name: web
                          webhook_configs:
                          - url: http://127.0.0.1:9/x
                        """,
                "undefined-receiver.yml", """
                        route:
                          receiver: nope
                        receivers:
                        - name: x
                        """,
                "no-route.yml", """
                        receivers:
                        - name: x
                        """));
        // Alertmanager's own examples (doc/examples/simple.yml, examples/ha), as the release ships them.
        configs.put("simple.yml", resource("/am/examples/simple.yml"));
        configs.put("ha.yml", resource("/am/examples/ha/alertmanager.yml"));
        Files.createDirectories(dir.resolve("tmpl"));
        Files.writeString(dir.resolve("tmpl/a.tmpl"), "{{ define \"x\" }}hello{{ end }}");
        for (Map.Entry<String, String> e : configs.entrySet()) {
            String f = e.getKey();
            Files.writeString(dir.resolve(f), e.getValue());
            Run amtool = tool(dir, Binaries.AMTOOL.toString(), "check-config", f);
            Run vigil = vigil("check", "config", dir.resolve(f).toString());
            assertEquals(amtool.code(), vigil.code(), f + ": amtool " + amtool + " vigil " + vigil);
            assertEquals(amtool.out().replace("'" + f + "'", "'F'"), vigil.out().replace("'" + dir.resolve(f) + "'", "'F'"), f);
            assertEquals(amtool.err().replace("amtool:", "vigil:"), vigil.err(), f);
        }
    }
}
