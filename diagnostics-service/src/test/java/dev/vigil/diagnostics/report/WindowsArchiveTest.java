package dev.vigil.diagnostics.report;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run written on a Windows file system ({@code C:\...}, '\' separators; Jimfs' Windows
 * configuration) archives with '/' entry names only, and its results trees name files with '/'.
 */
class WindowsArchiveTest {
    @Test
    void aWindowsTreeArchivesWithSlashesOnly() throws Exception {
        try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows())) {
            Path root = windows.getPath("C:\\ProgramData\\vigil\\runs\\r1");
            Path junit = root.resolve("plugins\\smoke\\results\\win-1\\junit.xml");
            Files.createDirectories(junit.getParent());
            Files.writeString(junit, "<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>");
            Files.createDirectories(root.resolve("resources\\ns\\shop"));
            Files.writeString(root.resolve("resources\\ns\\shop\\core_v1_pods.json"), "[]");
            assertEquals("plugins/smoke/results/win-1/junit.xml", ResultsArchive.entryName(root, junit));

            Map<String, byte[]> plugin = Map.of(ResultsArchive.entryName(root.resolve("plugins\\smoke"), junit), Files.readAllBytes(junit));
            SonobuoyItem tree = SonobuoyResults.plugin("smoke", "junit", true, plugin);
            assertEquals("results/win-1/junit.xml", tree.items().get(0).items().get(0).meta().get("file"));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ResultsArchive.write(root, Map.of("plugins/smoke/sonobuoy_results.yaml", tree.toYaml()), out);
            Map<String, byte[]> entries = ResultsArchive.read(new ByteArrayInputStream(out.toByteArray()));
            entries.keySet().forEach(name -> assertFalse(name.contains("\\"), name));
            assertTrue(entries.containsKey("resources/ns/shop/core_v1_pods.json"), entries.keySet().toString());
            assertEquals("passed", SonobuoyItem.read(entries.get("plugins/smoke/sonobuoy_results.yaml")).status());
            assertEquals("[]", new String(entries.get("resources/ns/shop/core_v1_pods.json"), StandardCharsets.UTF_8));
        }
    }
}
