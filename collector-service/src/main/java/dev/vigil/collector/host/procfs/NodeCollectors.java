package dev.vigil.collector.host.procfs;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Linux node collectors: node_exporter's default collectors that read /proc and /sys, each
 * reporting {@code node_scrape_collector_success} as node_exporter does, so one that cannot read
 * its files (a kernel without PSI, no nf_conntrack module) costs only its own series.
 */
public final class NodeCollectors {
    private static final Logger LOG = Logger.getLogger(NodeCollectors.class);

    /** What may be set, each as node_exporter's flag of the same meaning. */
    public record Settings(Set<String> disabled, Optional<String> vmstatFields, Optional<String> netstatFields,
                           Optional<String> diskstatsDeviceExclude, Optional<String> netdevDeviceInclude,
                           Optional<String> netdevDeviceExclude, Optional<Path> textfileDirectory,
                           Optional<String> filesystemMountPointsExclude, Optional<String> filesystemFsTypesExclude,
                           Duration filesystemMountTimeout, Optional<Path> etcRoot) {
        /** os-release(5): /etc/os-release, else /usr/lib/os-release, of the node. */
        List<Path> osReleaseFiles(ProcFs fs) {
            List<Path> files = new ArrayList<>();
            etcRoot.ifPresent(etc -> files.add(etc.resolve("os-release")));
            files.add(fs.root().resolve("etc/os-release"));
            files.add(fs.root().resolve("usr/lib/os-release"));
            return files;
        }

        public static Settings defaults() {
            return new Settings(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Optional.empty());
        }

        public Settings disabling(Set<String> names) {
            return new Settings(names, vmstatFields, netstatFields, diskstatsDeviceExclude, netdevDeviceInclude, netdevDeviceExclude,
                    textfileDirectory, filesystemMountPointsExclude, filesystemFsTypesExclude, filesystemMountTimeout, etcRoot);
        }

        public Settings withNetdevDeviceInclude(String regex) {
            return new Settings(disabled, vmstatFields, netstatFields, diskstatsDeviceExclude, Optional.of(regex), netdevDeviceExclude,
                    textfileDirectory, filesystemMountPointsExclude, filesystemFsTypesExclude, filesystemMountTimeout, etcRoot);
        }

        public Settings withTextfileDirectory(Path dir) {
            return new Settings(disabled, vmstatFields, netstatFields, diskstatsDeviceExclude, netdevDeviceInclude, netdevDeviceExclude,
                    Optional.of(dir), filesystemMountPointsExclude, filesystemFsTypesExclude, filesystemMountTimeout, etcRoot);
        }
    }

    private final ProcFs fs;
    private final List<NodeCollector> collectors;
    private final Set<String> failing = new HashSet<>();
    /** Null where /proc/self is not this process. */
    private final SelfProcess selfProcess;

    public NodeCollectors(ProcFs fs, Settings settings, Clock clock) {
        this.fs = fs;
        List<NodeCollector> all = new ArrayList<>(List.of(
                new ArpCollector(),
                new ConntrackCollector(),
                new CpuCollector(),
                new DiskstatsCollector(settings.diskstatsDeviceExclude().orElse(DiskstatsCollector.DEFAULT_EXCLUDE)),
                new EntropyCollector(),
                new FilefdCollector(),
                new FilesystemCollector(settings.filesystemMountPointsExclude().orElse(FilesystemCollector.DEFAULT_MOUNT_POINTS_EXCLUDE),
                        settings.filesystemFsTypesExclude().orElse(FilesystemCollector.DEFAULT_FS_TYPES_EXCLUDE), Statfs::read,
                        settings.filesystemMountTimeout()),
                new LoadavgCollector(),
                new MeminfoCollector(),
                new NetclassCollector(),
                new NetdevCollector(settings.netdevDeviceInclude(), settings.netdevDeviceExclude()),
                new NetstatCollector(settings.netstatFields().orElse(NetstatCollector.DEFAULT_FIELDS)),
                new OsCollector(settings.osReleaseFiles(fs)),
                new PressureCollector(),
                new SchedstatCollector(),
                new SelinuxCollector(),
                new SockstatCollector(),
                new SoftnetCollector(),
                new StatCollector(),
                new TimeCollector(clock),
                new TimexCollector(Timex::read),
                new UdpQueuesCollector(),
                new UnameCollector(UnameCollector::system),
                new VmstatCollector(settings.vmstatFields().orElse(VmstatCollector.DEFAULT_FIELDS))));
        all.add(new TextfileCollector(settings.textfileDirectory()));
        for (String name : settings.disabled()) {
            if (all.stream().noneMatch(c -> c.name().equals(name))) {
                throw new IllegalArgumentException("no node collector named '" + name + "'; known: " + names(all));
            }
        }
        all.removeIf(c -> settings.disabled().contains(c.name()));
        this.collectors = List.copyOf(all);
        // only where /proc/self is this process: the running system's /proc, not a fixture or another root
        this.selfProcess = fs.proc().toAbsolutePath().normalize().equals(Path.of("/proc")) ? new SelfProcess() : null;
    }

    /** Names of the collectors that run. */
    public List<String> names() {
        return names(collectors);
    }

    private static List<String> names(List<NodeCollector> list) {
        return list.stream().map(NodeCollector::name).toList();
    }

    /** One read of every collector. */
    public HostMetrics collect() {
        HostMetrics out = new HostMetrics();
        for (NodeCollector c : collectors) {
            long start = System.nanoTime();
            boolean ok;
            try {
                c.collect(fs, out);
                ok = true;
                if (failing.remove(c.name())) {
                    LOG.infof("node collector %s reads again", c.name());
                }
            } catch (IOException | RuntimeException e) {
                ok = false;
                // once per failure spell, not every interval: a missing kernel feature stays missing
                if (failing.add(c.name())) {
                    LOG.warnf("node collector %s failed: %s", c.name(), e.toString());
                }
            }
            out.gauge("node_scrape_collector_duration_seconds", "node_exporter: Duration of a collector scrape.",
                    (System.nanoTime() - start) / 1e9, "collector", c.name());
            out.gauge("node_scrape_collector_success", "node_exporter: Whether a collector succeeded.", ok ? 1 : 0,
                    "collector", c.name());
        }
        if (selfProcess != null) {
            try {
                selfProcess.collect(fs, out);
            } catch (IOException | RuntimeException e) {
                // a proc root without a "self" (a fixture tree, a foreign /proc): no process_* series
            }
        }
        return out;
    }
}
