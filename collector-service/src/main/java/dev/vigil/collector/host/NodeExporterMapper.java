package dev.vigil.collector.host;

import dev.vigil.collector.host.procfs.HostMetrics;
import dev.vigil.collector.scrape.TargetLabels;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.NodeOs;
import dev.vigil.model.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps a {@link HostSnapshot} to series with node_exporter's names and labels, on Linux and
 * Windows alike, so one dashboard serves every node. Every series carries {@code node}, {@code os},
 * {@code instance} (the node name unless set, which node_exporter dashboards group by) and
 * {@code job} (what the node-mixin and Node Exporter Full dashboards select on).
 */
public final class NodeExporterMapper {
    /** node_exporter's default --collector.filesystem.fs-types-exclude. */
    static final Pattern PSEUDO_FS_TYPES = Pattern.compile(
            "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay"
                    + "|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs|tmpfs|ramfs|efivarfs|fuse\\..*)$");
    /** node_exporter's default --collector.filesystem.mount-points-exclude. */
    static final Pattern PSEUDO_MOUNTS = Pattern.compile(
            "^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+|var/lib/kubelet/pods/.+)($|/)");

    private final String node;
    private final String instance;
    private final String job;

    public NodeExporterMapper(String node) {
        this(node, node, "node");
    }

    public NodeExporterMapper(String node, String instance, String job) {
        this.node = node;
        this.instance = instance;
        this.job = job;
    }

    /**
     * The node collectors' families as series with this node's labels. A series' own label of the
     * same name (a textfile may carry a {@code job}) becomes {@code exported_<name>}, as a scrape
     * without honor_labels does ({@link TargetLabels}).
     */
    public List<MetricSeries> map(HostMetrics metrics, NodeOs os, long timestampMs) {
        Labels host = Labels.of("node", node, "instance", instance, "job", job, "os", os.label());
        List<MetricSeries> out = new ArrayList<>();
        for (HostMetrics.Family f : metrics.families()) {
            for (HostMetrics.Series s : f.series()) {
                Labels.Builder read = Labels.builder().set(Labels.METRIC_NAME, f.name());
                for (int i = 0; i < s.labels().size(); i += 2) {
                    read.set(s.labels().get(i), s.labels().get(i + 1));
                }
                out.add(new MetricSeries(TargetLabels.apply(read.build(), host, false), List.of(new Sample(timestampMs, s.value()))));
            }
        }
        return out;
    }

    public List<MetricSeries> map(HostSnapshot s, long timestampMs) {
        Out out = new Out(this, s.os().label(), timestampMs);
        for (HostSnapshot.Cpu cpu : s.cpus()) {
            for (Map.Entry<String, Double> mode : cpu.secondsByMode().entrySet()) {
                out.add("node_cpu_seconds_total", mode.getValue(), "cpu", Integer.toString(cpu.index()), "mode", mode.getKey());
            }
        }
        s.memoryBytes().forEach((key, bytes) -> out.add("node_memory_" + key + "_bytes", bytes));
        s.swapTotalBytes().ifPresent(v -> out.add("node_memory_SwapTotal_bytes", v));
        s.swapFreeBytes().ifPresent(v -> out.add("node_memory_SwapFree_bytes", v));
        for (HostSnapshot.FileSystem fs : s.fileSystems()) {
            if (isPseudo(fs)) {
                continue;
            }
            String[] l = {"device", fs.device(), "mountpoint", fs.mountpoint(), "fstype", fs.fstype()};
            out.add("node_filesystem_size_bytes", fs.sizeBytes(), l);
            out.add("node_filesystem_avail_bytes", fs.availBytes(), l);
            out.add("node_filesystem_free_bytes", fs.freeBytes(), l);
            fs.files().ifPresent(v -> out.add("node_filesystem_files", v, l));
            fs.filesFree().ifPresent(v -> out.add("node_filesystem_files_free", v, l));
        }
        for (HostSnapshot.Disk d : s.disks()) {
            out.add("node_disk_read_bytes_total", d.readBytes(), "device", d.device());
            out.add("node_disk_written_bytes_total", d.writtenBytes(), "device", d.device());
            out.add("node_disk_reads_completed_total", d.reads(), "device", d.device());
            out.add("node_disk_writes_completed_total", d.writes(), "device", d.device());
            out.add("node_disk_io_time_seconds_total", d.ioTimeSeconds(), "device", d.device());
        }
        for (HostSnapshot.NetInterface n : s.interfaces()) {
            out.add("node_network_receive_bytes_total", n.receiveBytes(), "device", n.device());
            out.add("node_network_transmit_bytes_total", n.transmitBytes(), "device", n.device());
            out.add("node_network_receive_packets_total", n.receivePackets(), "device", n.device());
            out.add("node_network_transmit_packets_total", n.transmitPackets(), "device", n.device());
            out.add("node_network_receive_errs_total", n.receiveErrors(), "device", n.device());
            out.add("node_network_transmit_errs_total", n.transmitErrors(), "device", n.device());
            out.add("node_network_receive_drop_total", n.receiveDrops(), "device", n.device());
            out.add("node_network_transmit_drop_total", n.transmitDrops(), "device", n.device());
        }
        s.loadAverage().ifPresent(l -> {
            out.add("node_load1", l[0]);
            out.add("node_load5", l[1]);
            out.add("node_load15", l[2]);
        });
        out.add("node_boot_time_seconds", s.bootTimeSeconds());
        out.add("node_processes_state", s.processes(), "state", "all");
        out.add("node_processes_threads", s.threads());
        s.contextSwitches().ifPresent(v -> out.add("node_context_switches_total", v));
        s.interrupts().ifPresent(v -> out.add("node_intr_total", v));
        HostSnapshot.Uname u = s.uname();
        out.add("node_uname_info", 1, "sysname", u.sysname(), "release", u.release(), "version", u.version(),
                "machine", u.machine(), "nodename", u.nodename(), "domainname", "(none)");
        HostSnapshot.OsInfo o = s.osInfo();
        out.add("node_os_info", 1, "id", o.id(), "name", o.name(), "pretty_name", o.prettyName(),
                "version", o.version(), "version_id", o.versionId());
        return out.series;
    }

    static boolean isPseudo(HostSnapshot.FileSystem fs) {
        return PSEUDO_FS_TYPES.matcher(fs.fstype()).matches() || PSEUDO_MOUNTS.matcher(fs.mountpoint()).find();
    }

    /** Accumulates series sharing the node-level labels and the timestamp. */
    static final class Out {
        final List<MetricSeries> series = new ArrayList<>();
        final NodeExporterMapper m;
        final String os;
        final long t;

        Out(NodeExporterMapper m, String os, long t) {
            this.m = m;
            this.os = os;
            this.t = t;
        }

        void add(String name, double value, String... labels) {
            Labels.Builder b = Labels.builder();
            for (int i = 0; i < labels.length; i += 2) {
                b.set(labels[i], labels[i + 1]);
            }
            b.set(Labels.METRIC_NAME, name).set("node", m.node).set("instance", m.instance).set("job", m.job).set("os", os);
            series.add(new MetricSeries(b.build(), List.of(new Sample(t, value))));
        }
    }
}
