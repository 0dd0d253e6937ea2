package dev.vigil.collector.host.procfs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collectors whose node_exporter fixtures are not vendored, over trees written here. */
class SmallCollectorsTest {
    @TempDir
    Path root;

    ProcFs fs() {
        return new ProcFs(root.resolve("proc"), root.resolve("sys"), root, 4096);
    }

    void write(String path, String content) throws Exception {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    static Map<String, Double> values(HostMetrics m, String family) {
        return m.family(family).series().stream().collect(Collectors.toMap(s -> String.join(",", s.labels()), HostMetrics.Series::value));
    }

    @Test
    void conntrackSumsTheStatisticsOverCpusAsNodeExportersOutputShows() throws Exception {
        write("proc/sys/net/netfilter/nf_conntrack_count", "7\n");
        write("proc/sys/net/netfilter/nf_conntrack_max", "262144\n");
        // node_exporter's fixture, whose sums its e2e-output.txt prints
        Files.createDirectories(root.resolve("proc/net/stat"));
        Files.copy(NodeExporterConformanceTest.TREE.resolve("proc/net/stat/nf_conntrack"), root.resolve("proc/net/stat/nf_conntrack"));
        HostMetrics m = new HostMetrics();
        new ConntrackCollector().collect(fs(), m);
        Map<String, NodeExporterConformanceTest.Family> e2e = NodeExporterConformanceTest.expected("e2e-output.txt");
        for (String stat : List.of("found", "invalid", "ignore", "insert", "insert_failed", "drop", "early_drop", "search_restart")) {
            String name = "node_nf_conntrack_stat_" + stat;
            assertEquals(e2e.get(name).series().values().iterator().next(), values(m, name).get(""), name);
            assertEquals(e2e.get(name).help(), m.family(name).help());
        }
        assertEquals(7.0, values(m, "node_nf_conntrack_entries").get(""));
        assertEquals(262144.0, values(m, "node_nf_conntrack_entries_limit").get(""));
    }

    @Test
    void withoutTheConntrackModuleTheCollectorFailsAloneAndSaysSo() throws Exception {
        write("proc/loadavg", "0.50 0.40 0.30 1/100 42\n");
        NodeCollectors.Settings only = NodeCollectors.Settings.defaults().disabling(Set.of("arp", "cpu", "diskstats", "entropy",
                "filefd", "filesystem", "meminfo", "netclass", "netdev", "netstat", "pressure", "schedstat", "selinux", "sockstat",
                "softnet", "stat", "textfile", "time", "timex", "udp_queues", "vmstat", "os", "uname"));
        HostMetrics m = new NodeCollectors(fs(), only, Clock.systemUTC()).collect();
        assertEquals(Map.of("collector,conntrack", 0.0, "collector,loadavg", 1.0), values(m, "node_scrape_collector_success"));
        assertEquals(0.5, values(m, "node_load1").get(""));
    }

    @Test
    void entropyReadsTheRandomPool() throws Exception {
        write("proc/sys/kernel/random/entropy_avail", "256\n");
        write("proc/sys/kernel/random/poolsize", "256\n");
        HostMetrics m = new HostMetrics();
        new EntropyCollector().collect(fs(), m);
        assertEquals(256.0, values(m, "node_entropy_available_bits").get(""));
        assertEquals(256.0, values(m, "node_entropy_pool_size_bits").get(""));
    }

    @Test
    void timeGivesTheClockTheZoneAndTheClocksources() throws Exception {
        write("sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc hpet acpi_pm \n");
        write("sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc\n");
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000, 250_000_000), ZoneId.of("Europe/Berlin"));
        HostMetrics m = new HostMetrics();
        new TimeCollector(clock).collect(fs(), m);
        assertEquals(1_700_000_000.25, values(m, "node_time_seconds").get(""));
        assertEquals(Map.of("time_zone,CET", 3600.0), values(m, "node_time_zone_offset_seconds"));
        assertEquals(Set.of("clocksource,tsc,device,0", "clocksource,hpet,device,0", "clocksource,acpi_pm,device,0"),
                values(m, "node_time_clocksource_available_info").keySet());
        assertEquals(Map.of("clocksource,tsc,device,0", 1.0), values(m, "node_time_clocksource_current_info"));
    }

    @Test
    void aBrokenTextfileIsSkippedAndReported() throws Exception {
        write("text/good.prom", "# TYPE jobs_done_total counter\njobs_done_total{job=\"backup\"} 3\n");
        write("text/bad.prom", "this is { not a metric\n");
        HostMetrics m = new HostMetrics();
        new TextfileCollector(Optional.of(root.resolve("text"))).collect(fs(), m);
        assertEquals("counter", m.family("jobs_done_total").type());
        assertEquals(Map.of("job,backup", 3.0), values(m, "jobs_done_total"));
        assertEquals(1.0, values(m, "node_textfile_scrape_error").get(""));
        assertTrue(values(m, "node_textfile_mtime_seconds").containsKey("file," + root.resolve("text/good.prom")));
    }

    @Test
    void netclassReadsEachInterfacesPropertiesAndSkipsWhatTheKernelRefuses() throws Exception {
        write("sys/class/net/eth0/operstate", "up\n");
        write("sys/class/net/eth0/flags", "0x1003\n");
        write("sys/class/net/eth0/address", "02:42:ac:11:00:02\n");
        write("sys/class/net/eth0/broadcast", "ff:ff:ff:ff:ff:ff\n");
        write("sys/class/net/eth0/duplex", "full\n");
        write("sys/class/net/eth0/mtu", "1500\n");
        write("sys/class/net/eth0/speed", "10000\n");
        write("sys/class/net/eth0/carrier_changes", "3\n");
        write("sys/class/net/veth1/operstate", "down\n");
        write("sys/class/net/veth1/flags", "0x1002\n");
        write("sys/class/net/veth1/speed", "-1\n");
        HostMetrics m = new HostMetrics();
        new NetclassCollector().collect(fs(), m);
        assertEquals(Map.of("device,eth0", 1.0, "device,veth1", 0.0), values(m, "node_network_up"));
        assertEquals(Map.of("device,eth0", 1.25e9, "device,veth1", -125000.0), values(m, "node_network_speed_bytes"));
        assertEquals(Map.of("device,eth0", 4099.0), values(m, "node_network_flags").entrySet().stream()
                .filter(e -> e.getKey().endsWith("eth0")).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertEquals("counter", m.family("node_network_carrier_changes_total").type());
        assertTrue(values(m, "node_network_info").containsKey(
                "address,02:42:ac:11:00:02,adminstate,up,broadcast,ff:ff:ff:ff:ff:ff,device,eth0,duplex,full,ifalias,,operstate,up"));
        assertTrue(values(m, "node_network_info").containsKey(
                "address,,adminstate,down,broadcast,,device,veth1,duplex,,ifalias,,operstate,down"));
        assertEquals(Map.of("device,eth0", 1500.0), values(m, "node_network_mtu_bytes"));
    }

    @Test
    void timexGivesNodeExportersUnits() throws Exception {
        // a chrony-disciplined clock: STA_PLL|STA_NANO, 2.5 µs offset in ns, +12.5 ppm, 10 ms ticks
        Timex synced = new Timex(0, 2500, 819_200, 16_000, 1_200, 0x2001, 7, 10_000, 0, 0, 0, 0, 0, 0, 0, 0, 37);
        HostMetrics m = new HostMetrics();
        new TimexCollector(() -> synced).collect(fs(), m);
        assertEquals(1.0, values(m, "node_timex_sync_status").get(""));
        assertEquals(2.5e-6, values(m, "node_timex_offset_seconds").get(""));
        assertEquals(1.0000125, values(m, "node_timex_frequency_adjustment_ratio").get(""), 1e-15);
        assertEquals(0.016, values(m, "node_timex_maxerror_seconds").get(""));
        assertEquals(0.01, values(m, "node_timex_tick_seconds").get(""));
        assertEquals(37.0, values(m, "node_timex_tai_offset_seconds").get(""));
        // unsynchronised, microsecond status: the offset is in µs
        Timex free = new Timex(Timex.TIME_ERROR, 2500, 0, 16_000_000, 16_000_000, 0x40, 2, 10_000, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        HostMetrics n = new HostMetrics();
        new TimexCollector(() -> free).collect(fs(), n);
        assertEquals(0.0, values(n, "node_timex_sync_status").get(""));
        assertEquals(0.0025, values(n, "node_timex_offset_seconds").get(""));
        assertEquals(16.0, values(n, "node_timex_estimated_error_seconds").get(""));
    }

    @Test
    void anUnknownCollectorNameIsRefusedAtStartup() {
        NodeCollectors.Settings typo = NodeCollectors.Settings.defaults().disabling(Set.of("netstats"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NodeCollectors(fs(), typo, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("no node collector named 'netstats'"), e.getMessage());
    }

    @Test
    void thisMachinesProcIsReadByEveryCollectorItHasFilesFor() {
        // the build runs on Linux; a kernel without nf_conntrack, PSI or schedstats legitimately fails those
        HostMetrics m = new NodeCollectors(ProcFs.of(Path.of("/proc"), Path.of("/sys"), Path.of("/")), NodeCollectors.Settings.defaults(),
                Clock.systemUTC()).collect();
        Map<String, Double> success = values(m, "node_scrape_collector_success");
        for (String c : List.of("cpu", "diskstats", "filefd", "loadavg", "meminfo", "netdev", "netstat", "sockstat", "stat", "vmstat",
                "time", "udp_queues", "arp", "softnet", "entropy", "netclass", "timex", "selinux", "filesystem", "os", "uname")) {
            assertEquals(1.0, success.get("collector," + c), c);
        }
        assertTrue(values(m, "node_memory_MemTotal_bytes").get("") > 0);
        // every Linux kernel since 2.6 ticks at least 100 times a second
        assertTrue(values(m, "node_timex_tick_seconds").get("") > 0 && values(m, "node_timex_tick_seconds").get("") <= 0.01);
        assertTrue(m.family("node_cpu_seconds_total").series().size() >= 8);
        // the collector's own process, as an exporter reports itself
        assertTrue(values(m, "process_open_fds").get("") > 3);
        assertTrue(values(m, "process_resident_memory_bytes").get("") > 10e6);
        long started = ProcessHandle.current().info().startInstant().orElseThrow().getEpochSecond();
        assertEquals(started, values(m, "process_start_time_seconds").get(""), 2.0);
        assertTrue(values(m, "process_max_fds").get("") >= values(m, "process_open_fds").get(""));
        assertEquals(0.0, values(m, "node_textfile_scrape_error").get(""), "no directory, nothing to fail");
        String uname = values(m, "node_uname_info").keySet().iterator().next();
        assertTrue(uname.contains("sysname,Linux") && uname.contains("machine,x86_64"), uname);
    }
}
