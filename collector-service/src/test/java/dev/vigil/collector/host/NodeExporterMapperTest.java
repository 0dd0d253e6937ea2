package dev.vigil.collector.host;

import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.NodeOs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeExporterMapperTest {

    /** What OshiHostSource reads on a Windows Server 2022 node: drive letters, NTFS, no load average. */
    static HostSnapshot windowsNode() {
        return new HostSnapshot(NodeOs.WINDOWS,
                List.of(new HostSnapshot.Cpu(0, Map.of("user", 120.5, "system", 30.0, "idle", 900.0)),
                        new HostSnapshot.Cpu(1, Map.of("user", 80.0, "system", 20.0, "idle", 950.0))),
                Map.of("MemTotal", 17_179_869_184L, "MemAvailable", 8_000_000_000L, "MemFree", 8_000_000_000L),
                Optional.of(2_147_483_648L), Optional.of(2_000_000_000L),
                List.of(new HostSnapshot.FileSystem("C:", "C:\\", "ntfs", 136_365_211_648L, 60_000_000_000L, 60_000_000_000L,
                        Optional.empty(), Optional.empty())),
                List.of(new HostSnapshot.Disk("\\\\.\\PHYSICALDRIVE0", 1000, 2000, 10, 20, 1.5)),
                List.of(new HostSnapshot.NetInterface("Ethernet 2", 5000, 6000, 50, 60, 0, 0, 1, 0)),
                Optional.empty(), 1_700_000_000L, 140, 2100, Optional.empty(), Optional.empty(),
                new HostSnapshot.Uname("Windows", "20348", "10.0.20348", "x86_64", "win-node-1"),
                new HostSnapshot.OsInfo("windows", "Windows", "Windows 10.0.20348", "10.0.20348", "20348"));
    }

    @Test
    void windowsNodeGetsTheSameMetricNamesAsNodeExporter() {
        List<MetricSeries> out = new NodeExporterMapper("win-node-1").map(windowsNode(), 1000);
        Labels total = find(out, "node_memory_MemTotal_bytes");
        assertEquals("windows", total.get("os"));
        assertEquals("win-node-1", total.get("node"));
        Labels fs = find(out, "node_filesystem_avail_bytes");
        assertEquals("C:\\", fs.get("mountpoint"));
        assertEquals("ntfs", fs.get("fstype"));
        assertEquals("Windows", find(out, "node_uname_info").get("sysname"));
        assertEquals(6, out.stream().filter(s -> s.labels().metricName().equals("node_cpu_seconds_total")).count());
        // Windows has no load average: the series is absent rather than a fake zero.
        assertTrue(out.stream().noneMatch(s -> s.labels().metricName().equals("node_load1")));
        assertTrue(out.stream().allMatch(s -> s.samples().get(0).timestampMs() == 1000));
    }

    @Test
    void pseudoFilesystemsAreFilteredAsNodeExporterDoes() {
        assertTrue(NodeExporterMapper.isPseudo(fs("proc", "/proc", "proc")));
        assertTrue(NodeExporterMapper.isPseudo(fs("overlay", "/var/lib/docker/overlay2/x/merged", "overlay")));
        assertTrue(NodeExporterMapper.isPseudo(fs("tmpfs", "/run", "tmpfs")));
        assertFalse(NodeExporterMapper.isPseudo(fs("/dev/vda", "/", "ext4")));
        assertFalse(NodeExporterMapper.isPseudo(fs("C:", "C:\\", "ntfs")));
    }

    @Test
    void procMeminfoIsReadInBytesWithNodeExporterKeys() {
        Map<String, Long> m = OshiHostSource.MemInfo.parse(List.of(
                "MemTotal:       24576000 kB", "Cached:           102400 kB", "Active(anon):      1024 kB", "HugePages_Total:       0"));
        assertEquals(24576000L * 1024, m.get("MemTotal"));
        assertEquals(102400L * 1024, m.get("Cached"));
        assertEquals(1024L * 1024, m.get("Active_anon"));
        assertEquals(0L, m.get("HugePages_Total"));
    }

    @Test
    void linuxHostReadsThisMachine() {
        HostSnapshot s = new OshiHostSource(NodeOs.LINUX, java.nio.file.Path.of("/proc"), java.nio.file.Path.of("/etc")).read();
        assertTrue(s.memoryBytes().get("MemTotal") > 0);
        assertFalse(s.cpus().isEmpty());
        assertEquals("Linux", s.uname().sysname());
    }

    private static HostSnapshot.FileSystem fs(String dev, String mount, String type) {
        return new HostSnapshot.FileSystem(dev, mount, type, 1, 1, 1, Optional.empty(), Optional.empty());
    }

    private static Labels find(List<MetricSeries> out, String name) {
        return out.stream().map(MetricSeries::labels).filter(l -> l.metricName().equals(name)).findFirst().orElseThrow();
    }
}
