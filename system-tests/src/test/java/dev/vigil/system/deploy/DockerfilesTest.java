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
}
