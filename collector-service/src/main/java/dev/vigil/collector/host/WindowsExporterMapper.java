package dev.vigil.collector.host;

import dev.vigil.model.MetricSeries;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a Windows {@link HostSnapshot} to windows_exporter's names and labels (its e2e output is
 * the reference), beside the node_exporter names, so dashboards and rules written for
 * windows_exporter (the windows-mixin, the kubernetes-mixin's Windows dashboards) find their
 * series. Where those mixins still read a name windows_exporter has since renamed
 * ({@code windows_cs_*}, {@code windows_os_visible_memory_bytes}, the older boot-time names), the
 * older name is published too.
 */
public final class WindowsExporterMapper {
    /** windows_exporter's CPU modes, from the snapshot's (OSHI's Windows ticks: IRQ is interrupt time, SOFTIRQ DPC time). */
    static final Map<String, String> MODES = Map.of("user", "user", "system", "privileged", "idle", "idle", "irq", "interrupt",
            "softirq", "dpc");

    private final NodeExporterMapper labels;

    /** @param labels gives the node's labels (node, instance, job, os) to every series, as for the node_* names */
    public WindowsExporterMapper(NodeExporterMapper labels) {
        this.labels = labels;
    }

    public List<MetricSeries> map(HostSnapshot s, long timestampMs) {
        NodeExporterMapper.Out out = new NodeExporterMapper.Out(labels, s.os().label(), timestampMs);
        for (HostSnapshot.Cpu cpu : s.cpus()) {
            for (Map.Entry<String, Double> mode : cpu.secondsByMode().entrySet()) {
                String m = MODES.get(mode.getKey());
                if (m != null) {
                    // processor group 0: the snapshot numbers logical processors across groups
                    out.add("windows_cpu_time_total", mode.getValue(), "core", "0," + cpu.index(), "mode", m);
                }
            }
        }
        Long total = s.memoryBytes().get("MemTotal");
        Long available = s.memoryBytes().get("MemAvailable");
        Long free = s.memoryBytes().getOrDefault("MemFree", available);
        if (total != null) {
            out.add("windows_memory_physical_total_bytes", total);
            out.add("windows_cs_physical_memory_bytes", total);
            out.add("windows_os_visible_memory_bytes", total);
        }
        if (available != null) {
            out.add("windows_memory_available_bytes", available);
        }
        if (free != null) {
            out.add("windows_memory_physical_free_bytes", free);
            out.add("windows_os_physical_memory_free_bytes", free);
        }
        out.add("windows_cs_logical_processors", s.cpus().size());
        for (HostSnapshot.FileSystem fs : s.fileSystems()) {
            String volume = volume(fs.mountpoint());
            if (volume.isEmpty()) {
                continue;
            }
            out.add("windows_logical_disk_size_bytes", fs.sizeBytes(), "volume", volume);
            out.add("windows_logical_disk_free_bytes", fs.freeBytes(), "volume", volume);
        }
        for (HostSnapshot.Disk d : s.disks()) {
            String disk = physicalDisk(d.device());
            out.add("windows_physical_disk_read_bytes_total", d.readBytes(), "disk", disk);
            out.add("windows_physical_disk_write_bytes_total", d.writtenBytes(), "disk", disk);
            out.add("windows_physical_disk_reads_total", d.reads(), "disk", disk);
            out.add("windows_physical_disk_writes_total", d.writes(), "disk", disk);
        }
        for (HostSnapshot.NetInterface n : s.interfaces()) {
            String nic = nic(n.device());
            out.add("windows_net_bytes_received_total", n.receiveBytes(), "nic", nic);
            out.add("windows_net_bytes_sent_total", n.transmitBytes(), "nic", nic);
            out.add("windows_net_bytes_total", (double) n.receiveBytes() + n.transmitBytes(), "nic", nic);
            out.add("windows_net_packets_received_total", n.receivePackets(), "nic", nic);
            out.add("windows_net_packets_sent_total", n.transmitPackets(), "nic", nic);
            out.add("windows_net_packets_received_errors_total", n.receiveErrors(), "nic", nic);
            out.add("windows_net_packets_outbound_errors_total", n.transmitErrors(), "nic", nic);
            out.add("windows_net_packets_received_discarded_total", n.receiveDrops(), "nic", nic);
            out.add("windows_net_packets_outbound_discarded_total", n.transmitDrops(), "nic", nic);
        }
        out.add("windows_system_boot_time_timestamp", s.bootTimeSeconds());
        out.add("windows_system_boot_time_timestamp_seconds", s.bootTimeSeconds());
        out.add("windows_system_system_up_time", s.bootTimeSeconds());
        out.add("windows_system_processes", s.processes());
        out.add("windows_system_threads", s.threads());
        s.contextSwitches().ifPresent(v -> out.add("windows_system_context_switches_total", v));
        HostSnapshot.OsInfo os = s.osInfo();
        String[] v = os.version().split("\\.");
        out.add("windows_os_info", 1, "product", os.prettyName(), "version", os.version(), "major_version", v.length > 0 ? v[0] : "",
                "minor_version", v.length > 1 ? v[1] : "", "build_number", os.versionId(), "revision", "");
        out.add("windows_os_hostname", 1, "hostname", s.uname().nodename(), "domain", "", "fqdn", s.uname().nodename());
        return out.series;
    }

    /** "C:\" is volume "C:", as the LogicalDisk counters name it; a folder mount keeps its path. */
    static String volume(String mountpoint) {
        String v = mountpoint.endsWith("\\") && mountpoint.length() > 1 ? mountpoint.substring(0, mountpoint.length() - 1) : mountpoint;
        return v.toUpperCase(Locale.ROOT).matches("[A-Z]:") ? v.toUpperCase(Locale.ROOT) : v;
    }

    /** {@code \\.\PHYSICALDRIVE0} is disk "0", the PhysicalDisk counter instance's number. */
    static String physicalDisk(String device) {
        String upper = device.toUpperCase(Locale.ROOT);
        int i = upper.indexOf("PHYSICALDRIVE");
        return i >= 0 ? device.substring(i + "PHYSICALDRIVE".length()) : device;
    }

    /** windows_exporter's nic label: every character that is not a letter or digit becomes '_'. */
    static String nic(String name) {
        return name.replaceAll("[^a-zA-Z0-9]", "_");
    }
}
