package dev.vigil.collector.host;

import dev.vigil.model.NodeOs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reading of a host's counters and gauges, OS-neutral. A {@link HostSource} fills it from the
 * running machine; {@link NodeExporterMapper} turns it into node_exporter-named series, so the
 * mapping of a Windows host can be tested on any machine with a Windows-shaped snapshot.
 */
public record HostSnapshot(
        NodeOs os,
        List<Cpu> cpus,
        Map<String, Long> memoryBytes,
        Optional<Long> swapTotalBytes,
        Optional<Long> swapFreeBytes,
        List<FileSystem> fileSystems,
        List<Disk> disks,
        List<NetInterface> interfaces,
        Optional<double[]> loadAverage,
        long bootTimeSeconds,
        long processes,
        long threads,
        Optional<Long> contextSwitches,
        Optional<Long> interrupts,
        Uname uname,
        OsInfo osInfo) {

    /** Seconds spent per mode (user, nice, system, idle, iowait, irq, softirq, steal) by one CPU. */
    public record Cpu(int index, Map<String, Double> secondsByMode) {
    }

    /** A mounted filesystem; {@code files} are inodes where the filesystem has them. */
    public record FileSystem(String device, String mountpoint, String fstype, long sizeBytes,
                             long availBytes, long freeBytes, Optional<Long> files, Optional<Long> filesFree) {
    }

    public record Disk(String device, long readBytes, long writtenBytes, long reads, long writes, double ioTimeSeconds) {
    }

    public record NetInterface(String device, long receiveBytes, long transmitBytes, long receivePackets,
                               long transmitPackets, long receiveErrors, long transmitErrors,
                               long receiveDrops, long transmitDrops) {
    }

    /** What {@code uname} reports; {@code sysname} is "Linux" or "Windows". */
    public record Uname(String sysname, String release, String version, String machine, String nodename) {
    }

    /** What node_exporter's os collector reports from /etc/os-release (or its Windows equivalent). */
    public record OsInfo(String id, String name, String prettyName, String version, String versionId) {
    }
}
