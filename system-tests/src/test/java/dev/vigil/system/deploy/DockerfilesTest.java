package dev.vigil.system.deploy;

import dev.vigil.system.RepoPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an image build downloads besides base images and OS packages (whose signatures the package
 * manager checks): one exact release, checked against its SHA-256 before it is used, so that a
 * rebuild yields the same bits or fails.
 */
class DockerfilesTest {
    private static final Pattern ARG = Pattern.compile("(?m)^ARG (\\w+)=(\\S+)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"']+");
    private static final Pattern SHA256 = Pattern.compile("\\b[0-9a-f]{64}\\b");

    @Test
    void everyDownloadIsAnExactReleaseCheckedAgainstItsSha256() throws IOException {
        List<Path> dockerfiles;
        try (Stream<Path> files = Files.walk(RepoPaths.root(), 5)) {
            dockerfiles = files.filter(f -> f.getFileName().toString().startsWith("Dockerfile")
                    && f.toString().replace('\\', '/').contains("/src/main/docker/")).sorted().toList();
        }
        assertFalse(dockerfiles.isEmpty(), "no Dockerfiles found under " + RepoPaths.root());
        int downloads = 0;
        for (Path f : dockerfiles) {
            String text = Files.readString(f).replace("\\\n", " ");
            Map<String, String> args = new HashMap<>();
            Matcher arg = ARG.matcher(text);
            while (arg.find()) {
                args.put(arg.group(1), arg.group(2));
            }
            for (String line : text.lines().filter(l -> l.startsWith("RUN ")).toList()) {
                String run = VARIABLE.matcher(line).replaceAll(v -> Matcher.quoteReplacement(args.getOrDefault(v.group(1), v.group())));
                if (!run.contains("curl ") && !run.contains("wget ")) {
                    continue;
                }
                downloads++;
                Matcher url = URL.matcher(run);
                assertTrue(url.find(), f + ": a download without a URL it names: " + line);
                assertFalse(url.group().contains("latest"), f + ": downloads whatever is latest: " + url.group());
                assertTrue(run.matches(".*sha256sum (--check|-c).*") && SHA256.matcher(run).find(),
                        f + ": downloads " + url.group() + " without checking its SHA-256");
            }
        }
        assertTrue(downloads >= 1, "the Windows collector's JRE is downloaded: " + dockerfiles);
    }
    /**
     * Every Java main class an image's entrypoint names exists in the module the image packages
     * and has a main method; the worker images carry the tags the diagnostics service schedules by
     * default, Linux and each Windows build.
     */
    @Test
    void entrypointsRunMainClassesThatExistAndWorkerTagsMatchTheDefaults() throws IOException {
        Pattern mainClass = Pattern.compile("dev\\.vigil\\.[\\w.]+");
        int checked = 0;
        try (Stream<Path> files = Files.walk(RepoPaths.root(), 5)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("Dockerfile")
                    && p.toString().replace('\\', '/').contains("/src/main/docker/")).sorted().toList()) {
                Path module = f.getParent().getParent().getParent().getParent();
                for (String line : Files.readString(f).lines().filter(l -> l.startsWith("ENTRYPOINT")).toList()) {
                    Matcher m = mainClass.matcher(line);
                    while (m.find()) {
                        Path source = module.resolve("src/main/java/" + m.group().replace('.', '/') + ".java");
                        assertTrue(Files.isRegularFile(source), f + " runs " + m.group() + ", which " + module.getFileName() + " does not have");
                        assertTrue(Files.readString(source).contains("public static void main(String[] args)"), m.group() + " has no main method");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 3, "the service image's CLI and both worker images name the CLI's class: " + checked);
        Path docker = RepoPaths.root().resolve("diagnostics-service/src/main/docker");
        String config = Files.readString(RepoPaths.root().resolve(
                "diagnostics-service/src/main/java/dev/vigil/diagnostics/config/DiagnosticsConfig.java"));
        for (String tag : List.of("ghcr.io/vigil/diagnostics-worker:0.1.0\")", "ghcr.io/vigil/diagnostics-worker:0.1.0-windows-ltsc2022\")")) {
            assertTrue(config.contains(tag), "default worker image " + tag);
        }
        assertTrue(Files.readString(docker.resolve("Dockerfile.worker")).contains("-t ghcr.io/vigil/diagnostics-worker:0.1.0 "));
        String windows = Files.readString(docker.resolve("Dockerfile.worker-windows"));
        assertTrue(windows.contains("-t ghcr.io/vigil/diagnostics-worker:0.1.0-windows-ltsc2022 ")
                && windows.contains("WINDOWS_VERSION=ltsc2019") && windows.contains("FROM mcr.microsoft.com/windows/nanoserver:${WINDOWS_VERSION}"));
    }
}
