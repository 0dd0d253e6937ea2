package dev.vigil.collector.host;

import dev.vigil.model.NodeOs;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the host through OSHI, which has native sources on both Linux (/proc, /sys) and Windows
 * (PDH counters, WMI): the one place where the OS decides where numbers come from.
 */
public final class OshiHostSource implements HostSource {
    private static final Map<TickType, String> MODES = Map.of(
            TickType.USER, "user", TickType.NICE, "nice", TickType.SYSTEM, "system", TickType.IDLE, "idle",
            TickType.IOWAIT, "iowait", TickType.IRQ, "irq", TickType.SOFTIRQ, "softirq", TickType.STEAL, "steal");

    private final SystemInfo si = new SystemInfo();
    private final HardwareAbstractionLayer hal = si.getHardware();
    private final OperatingSystem osApi = si.getOperatingSystem();
    private final NodeOs os;
    private final Path procMeminfo;
    private final Path osRelease;

    public OshiHostSource(NodeOs os, Path procRoot, Path etcRoot) {
        this.os = os;
        this.procMeminfo = procRoot.resolve("meminfo");
        this.osRelease = etcRoot.resolve("os-release");
    }

    @Override
    public HostSnapshot read() {
        CentralProcessor cpu = hal.getProcessor();
        long[][] ticks = cpu.getProcessorCpuLoadTicks();
        List<HostSnapshot.Cpu> cpus = new ArrayList<>();
        for (int i = 0; i < ticks.length; i++) {
            Map<String, Double> modes = new LinkedHashMap<>();
            for (TickType t : TickType.values()) {
                String mode = MODES.get(t);
                // OSHI reports ticks in milliseconds on every OS.
                if (mode != null && (os == NodeOs.LINUX || ticks[i][t.getIndex()] > 0 || t == TickType.IDLE || t == TickType.USER || t == TickType.SYSTEM)) {
                    modes.put(mode, ticks[i][t.getIndex()] / 1000.0);
                }
            }
            cpus.add(new HostSnapshot.Cpu(i, modes));
        }
        GlobalMemory mem = hal.getMemory();
        Map<String, Long> memory = os == NodeOs.LINUX ? MemInfo.read(procMeminfo).orElseGet(LinkedHashMap::new) : new LinkedHashMap<>();
        memory.putIfAbsent("MemTotal", mem.getTotal());
        memory.putIfAbsent("MemAvailable", mem.getAvailable());
        // Windows has no separate "free" figure that means anything else: available is what is free to use.
        memory.putIfAbsent("MemFree", mem.getAvailable());
        long swapTotal = mem.getVirtualMemory().getSwapTotal();
        long swapUsed = mem.getVirtualMemory().getSwapUsed();

        List<HostSnapshot.FileSystem> fss = new ArrayList<>();
        for (OSFileStore fs : osApi.getFileSystem().getFileStores(true)) {
            long files = fs.getTotalInodes();
            fss.add(new HostSnapshot.FileSystem(
                    os == NodeOs.WINDOWS ? fs.getMount().replace("\\", "") : fs.getVolume(),
                    fs.getMount(), fs.getType().toLowerCase(Locale.ROOT), fs.getTotalSpace(), fs.getUsableSpace(), fs.getFreeSpace(),
                    files > 0 ? Optional.of(files) : Optional.empty(),
                    files > 0 ? Optional.of(fs.getFreeInodes()) : Optional.empty()));
        }
        List<HostSnapshot.Disk> disks = new ArrayList<>();
        for (HWDiskStore d : hal.getDiskStores()) {
            String name = d.getName();
            disks.add(new HostSnapshot.Disk(name.startsWith("/dev/") ? name.substring(5) : name,
                    d.getReadBytes(), d.getWriteBytes(), d.getReads(), d.getWrites(), d.getTransferTime() / 1000.0));
        }
        List<HostSnapshot.NetInterface> nics = new ArrayList<>();
        for (NetworkIF n : hal.getNetworkIFs(true)) {
            nics.add(new HostSnapshot.NetInterface(n.getName(), n.getBytesRecv(), n.getBytesSent(), n.getPacketsRecv(),
                    n.getPacketsSent(), n.getInErrors(), n.getOutErrors(), n.getInDrops(), 0));
        }
        double[] load = cpu.getSystemLoadAverage(3);
        OperatingSystem.OSVersionInfo v = osApi.getVersionInfo();
        String hostname = osApi.getNetworkParams().getHostName();
        HostSnapshot.Uname uname = new HostSnapshot.Uname(os == NodeOs.WINDOWS ? "Windows" : "Linux",
                os == NodeOs.WINDOWS ? v.getBuildNumber() : System.getProperty("os.version", ""),
                os == NodeOs.WINDOWS ? v.getVersion() : Optional.ofNullable(v.getBuildNumber()).orElse(""),
                machine(System.getProperty("os.arch", "")), hostname);
        HostSnapshot.OsInfo osInfo = os == NodeOs.LINUX
                ? OsRelease.read(osRelease).orElse(new HostSnapshot.OsInfo("linux", osApi.getFamily(), osApi.getFamily(), v.getVersion(), v.getVersion()))
                : new HostSnapshot.OsInfo("windows", osApi.getFamily(), osApi.getFamily() + " " + v.getVersion(), v.getVersion(), v.getBuildNumber());
        return new HostSnapshot(os, cpus, memory,
                Optional.of(swapTotal), Optional.of(Math.max(0, swapTotal - swapUsed)),
                fss, disks, nics,
                load[0] < 0 ? Optional.empty() : Optional.of(load),
                osApi.getSystemBootTime(), osApi.getProcessCount(), osApi.getThreadCount(),
                Optional.of(cpu.getContextSwitches()).filter(x -> x >= 0),
                Optional.of(cpu.getInterrupts()).filter(x -> x >= 0),
                uname, osInfo);
    }

    /** Java names x86-64 "amd64"; uname and node_exporter say "x86_64". */
    static String machine(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> javaArch;
        };
    }

    /** Linux /proc/meminfo, as node_exporter's meminfo collector reads it (kB → bytes). */
    static final class MemInfo {
        private MemInfo() {
        }

        static Optional<Map<String, Long>> read(Path file) {
            try {
                return Optional.of(parse(Files.readAllLines(file)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        static Map<String, Long> parse(List<String> lines) {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String key = line.substring(0, colon).replace("(", "_").replace(")", "");
                String[] parts = line.substring(colon + 1).trim().split("\\s+");
                try {
                    long v = Long.parseLong(parts[0]);
                    out.put(key, parts.length > 1 && parts[1].equals("kB") ? v * 1024 : v);
                } catch (NumberFormatException ignored) {
                    // a line node_exporter would skip too
                }
            }
            return out;
        }
    }

    /** /etc/os-release fields for node_os_info. */
    static final class OsRelease {
        private OsRelease() {
        }

        static Optional<HostSnapshot.OsInfo> read(Path file) {
            try {
                Map<String, String> kv = new LinkedHashMap<>();
                for (String line : Files.readAllLines(file)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        kv.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
                    }
                }
                return Optional.of(new HostSnapshot.OsInfo(kv.getOrDefault("ID", ""), kv.getOrDefault("NAME", ""),
                        kv.getOrDefault("PRETTY_NAME", ""), kv.getOrDefault("VERSION", ""), kv.getOrDefault("VERSION_ID", "")));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
