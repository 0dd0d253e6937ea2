package dev.vigil.collector.host;

import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowsExporterMapperTest {
    /** Names the kubernetes-mixin and windows-mixin fixtures read that windows_exporter has since renamed. */
    static final Set<String> OLDER_NAMES = Set.of("windows_cs_physical_memory_bytes", "windows_cs_logical_processors",
            "windows_os_visible_memory_bytes", "windows_os_physical_memory_free_bytes", "windows_system_boot_time_timestamp_seconds",
            "windows_system_system_up_time");

    /** windows_exporter's families and TYPEs, from its end-to-end output (UTF-8 with a byte order mark). */
    static Map<String, String> windowsExporterTypes() throws Exception {
        String text = Files.readString(Path.of("src/test/resources/windows-exporter/e2e-output.txt"), StandardCharsets.UTF_8)
                .replace("\uFEFF", "");
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                types.put(f[2], f[3].strip());
            }
        }
        return types;
    }

    static List<MetricSeries> mapped() {
        NodeExporterMapper node = new NodeExporterMapper("win-node-1", "win-node-1", "windows");
        return new WindowsExporterMapper(node).map(NodeExporterMapperTest.windowsNode(), 1000);
    }

    static double value(List<MetricSeries> out, String name, String... labels) {
        return out.stream().filter(s -> s.labels().get(Labels.METRIC_NAME).equals(name)).filter(s -> {
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + List.of(labels))).samples().get(0).value();
    }

    @Test
    void aWindowsSnapshotGetsWindowsExportersNamesAndLabels() {
        List<MetricSeries> out = mapped();
        assertEquals(120.5, value(out, "windows_cpu_time_total", "core", "0,0", "mode", "user"));
        assertEquals(30.0, value(out, "windows_cpu_time_total", "core", "0,0", "mode", "privileged"));
        assertEquals(950.0, value(out, "windows_cpu_time_total", "core", "0,1", "mode", "idle"));
        assertEquals(17_179_869_184.0, value(out, "windows_memory_physical_total_bytes"));
        assertEquals(8_000_000_000.0, value(out, "windows_memory_available_bytes"));
        assertEquals(136_365_211_648.0, value(out, "windows_logical_disk_size_bytes", "volume", "C:"));
        assertEquals(60_000_000_000.0, value(out, "windows_logical_disk_free_bytes", "volume", "C:"));
        assertEquals(1000.0, value(out, "windows_physical_disk_read_bytes_total", "disk", "0"));
        assertEquals(5000.0, value(out, "windows_net_bytes_received_total", "nic", "Ethernet_2"));
        assertEquals(11000.0, value(out, "windows_net_bytes_total", "nic", "Ethernet_2"));
        assertEquals(1_700_000_000.0, value(out, "windows_system_boot_time_timestamp"));
        assertEquals(2.0, value(out, "windows_cs_logical_processors"));
        assertEquals(1.0, value(out, "windows_os_info", "major_version", "10", "minor_version", "0", "build_number", "20348"));
        Labels any = out.get(0).labels();
        assertEquals("windows", any.get("job"));
        assertEquals("win-node-1", any.get("instance"));
        assertEquals("windows", any.get("os"));
    }

    @Test
    void everyNameIsWindowsExportersOrAnOlderOneTheMixinsRead() throws Exception {
        Map<String, String> types = windowsExporterTypes();
        Set<String> names = new TreeSet<>();
        mapped().forEach(s -> names.add(s.labels().get(Labels.METRIC_NAME)));
        for (String name : names) {
            assertTrue(types.containsKey(name) || OLDER_NAMES.contains(name), name + " is not a windows_exporter family");
            if (types.containsKey(name)) {
                // counters are named _total there, and only counters
                assertEquals(name.endsWith("_total"), types.get(name).equals("counter"), name + " is a " + types.get(name));
            }
        }
        assertTrue(names.size() >= 25, names.toString());
    }
}
