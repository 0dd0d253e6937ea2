package dev.vigil.collector.host.procfs;

import dev.vigil.collector.scrape.Exposition;
import dev.vigil.collector.scrape.ExpositionFormat;
import dev.vigil.collector.scrape.ExpositionParser;
import dev.vigil.collector.scrape.MetricMetadata;
import dev.vigil.collector.scrape.ParsedSample;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node collectors pointed at node_exporter's own fixture tree must print what node_exporter
 * printed for it (its {@code e2e-output.txt}): same families, HELP, TYPE, label sets and values,
 * for every collector implemented here. Inputs and provenance: test resources
 * {@code node-exporter/SOURCES.md}.
 */
class NodeExporterConformanceTest {
    static final Path TREE = Path.of("src/test/resources/node-exporter");

    /** What node_exporter's end-to-end-test.sh drops from its output before comparing (skip_re). */
    static final Pattern SKIP = Pattern.compile("^(go_|node_exporter_build_info|node_scrape_collector_duration_seconds|process_"
            + "|node_textfile_mtime_seconds|node_time_(zone|seconds)|node_network_(receive|transmit)_(bytes|packets)_total)");

    /**
     * The e2e output's families of each implemented collector, by name. A family named here that
     * Vigil does not print fails the test unless {@link #NOT_COMPARED} gives the reason.
     */
    static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("arp", "node_arp_.*"),
            Map.entry("cpu", "node_cpu_(seconds_total|guest_seconds_total|info|bug_info|flag_info|core_throttles_total"
                    + "|package_throttles_total|isolated)"),
            Map.entry("diskstats", "node_disk_.*"),
            Map.entry("filefd", "node_filefd_.*"),
            Map.entry("loadavg", "node_load(1|5|15)"),
            Map.entry("meminfo", "node_memory_(?!numa_).*"),
            Map.entry("netdev", "node_network_(receive|transmit)_.*_total"),
            Map.entry("netstat", "node_netstat_.*"),
            Map.entry("os", "node_os_.*"),
            Map.entry("pressure", "node_pressure_.*"),
            Map.entry("schedstat", "node_schedstat_.*"),
            Map.entry("sockstat", "node_sockstat_.*"),
            Map.entry("softnet", "node_softnet_.*"),
            Map.entry("stat", "node_(intr_total|context_switches_total|forks_total|boot_time_seconds|procs_running|procs_blocked"
                    + "|softirqs_total)"),
            Map.entry("textfile", "node_textfile_.*|testmetric.*"),
            Map.entry("time", "node_time_.*"),
            Map.entry("udp_queues", "node_udp_queues"),
            Map.entry("vmstat", "node_vmstat_.*"));

    /** Families of implemented collectors whose inputs are not /proc files or that need a non-default flag. */
    static final Map<String, String> NOT_COMPARED = Map.ofEntries(
            Map.entry("node_cpu_info", "--collector.cpu.info, off by default; its core/package labels come from sysfs topology"),
            Map.entry("node_cpu_bug_info", "--collector.cpu.info, off by default"),
            Map.entry("node_cpu_flag_info", "--collector.cpu.info, off by default"),
            Map.entry("node_cpu_core_throttles_total", "sysfs thermal_throttle, not read"),
            Map.entry("node_cpu_package_throttles_total", "sysfs thermal_throttle, not read"),
            Map.entry("node_cpu_isolated", "sysfs isolated CPU list, not read"),
            Map.entry("node_disk_info", "labels from the udev database, not read"),
            Map.entry("node_disk_device_mapper_info", "udev database, not read"),
            Map.entry("node_disk_filesystem_info", "udev database, not read"),
            Map.entry("node_disk_ata_rotation_rate_rpm", "udev database, not read"),
            Map.entry("node_disk_ata_write_cache", "udev database, not read"),
            Map.entry("node_disk_ata_write_cache_enabled", "udev database, not read"),
            Map.entry("node_network_receive_nohandler_total", "netlink only; /proc/net/dev has no such column"),
            Map.entry("node_softirqs_total", "--collector.stat.softirq, off by default"),
            Map.entry("node_time_clocksource_available_info", "node_exporter's sysfs fixture is not vendored (TimeCollectorTest covers it)"),
            Map.entry("node_time_clocksource_current_info", "node_exporter's sysfs fixture is not vendored (TimeCollectorTest covers it)"));

    static NodeCollectors collectors(int pageSize) {
        // the flags end-to-end-test.sh gives node_exporter, where they touch these collectors
        NodeCollectors.Settings settings = NodeCollectors.Settings.defaults()
                // their inputs are not in the vendored tree (sysfs, one-number files), or end-to-end-test.sh
                // turns them off (filesystem, selinux, timex, uname): SmallCollectorsTest, FilesystemCollectorTest
                .disabling(Set.of("conntrack", "entropy", "filesystem", "netclass", "selinux", "timex", "uname"))
                .withNetdevDeviceInclude("lo")
                .withTextfileDirectory(TREE.resolve("textfile/two_metric_files"));
        return new NodeCollectors(new ProcFs(TREE.resolve("proc"), TREE.resolve("sys"), TREE, pageSize), settings, Clock.systemUTC());
    }

    record Family(String help, String type, Map<Labels, Double> series) {
    }

    static Map<String, Family> expected(String file) throws Exception {
        Exposition e = ExpositionParser.parse(Files.readString(TREE.resolve(file)), ExpositionFormat.PROMETHEUS_TEXT);
        Map<String, Family> out = new TreeMap<>();
        for (ParsedSample s : e.samples()) {
            String name = s.labels().get(Labels.METRIC_NAME);
            MetricMetadata m = e.metadata().getOrDefault(name, new MetricMetadata("untyped", "", ""));
            out.computeIfAbsent(name, n -> new Family(m.help(), m.type(), new TreeMap<>()))
                    .series().put(s.labels().toBuilder().remove(Labels.METRIC_NAME).build(), s.value());
        }
        return out;
    }

    static Map<String, Family> actual(HostMetrics metrics) {
        Map<String, Family> out = new TreeMap<>();
        for (HostMetrics.Family f : metrics.families()) {
            Map<Labels, Double> series = new TreeMap<>();
            for (HostMetrics.Series s : f.series()) {
                series.put(Labels.of(s.labels().toArray(String[]::new)), s.value());
            }
            out.put(f.name(), new Family(f.help(), f.type(), series));
        }
        return out;
    }

    @Test
    void everyFamilyPrintedIsNodeExportersForTheSameFiles() throws Exception {
        NodeCollectors c = collectors(4096);
        Map<String, Family> want = expected("e2e-output.txt");
        Map<String, Family> got = actual(c.collect());
        List<String> compared = new ArrayList<>();
        for (Map.Entry<String, Family> g : got.entrySet()) {
            String name = g.getKey();
            if (SKIP.matcher(name).find()) {
                continue;
            }
            Family w = want.get(name);
            assertTrue(w != null, name + " is not in node_exporter's output");
            if (name.equals("node_scrape_collector_success")) {
                g.getValue().series().forEach((labels, v) -> {
                    assertEquals(1.0, v, "collector " + labels + " failed on the fixture tree");
                    assertEquals(1.0, w.series().get(labels), "node_exporter's " + labels);
                });
                continue;
            }
            assertEquals(w.type(), g.getValue().type(), "TYPE of " + name);
            if (name.startsWith("testmetric")) {
                // node_exporter names the file as it was given on its command line
                assertTrue(g.getValue().help().startsWith("Metric read from ") && w.help().endsWith(
                        g.getValue().help().substring(g.getValue().help().lastIndexOf('/') + 1)), "HELP of " + name);
            } else {
                assertEquals(w.help(), g.getValue().help(), "HELP of " + name);
            }
            assertEquals(w.series(), g.getValue().series(), "series of " + name);
            compared.add(name);
        }
        assertTrue(compared.size() > 150, "families compared: " + compared.size());
    }

    @Test
    void everyFamilyNodeExporterPrintsForAnImplementedCollectorIsPrintedToo() throws Exception {
        NodeCollectors c = collectors(4096);
        Set<String> got = actual(c.collect()).keySet();
        List<String> missing = new ArrayList<>();
        for (String family : expected("e2e-output.txt").keySet()) {
            for (String collector : c.names()) {
                if (Pattern.matches(OWNED.get(collector), family) && !got.contains(family) && !NOT_COMPARED.containsKey(family)
                        && !SKIP.matcher(family).find()) {
                    missing.add(collector + ": " + family);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void socketMemoryIsCountedInTheKernelsPages() throws Exception {
        // arm64 and ppc64le kernels may run with 64 KiB pages
        Map<String, Family> got = actual(collectors(65536).collect());
        assertEquals(Map.of(Labels.EMPTY, 65536.0), got.get("node_sockstat_TCP_mem_bytes").series());
        assertEquals(Map.of(Labels.EMPTY, 1.0), got.get("node_sockstat_TCP_mem").series());
    }
}
