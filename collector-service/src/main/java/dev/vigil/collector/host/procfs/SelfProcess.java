package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The collector's own process as an exporter reports itself ({@code process_*}, the Prometheus
 * client libraries' process collector): Node Exporter Full charts the exporter's CPU, memory and
 * file descriptors from these.
 */
final class SelfProcess {
    private static final double USER_HZ = 100;
    /** What the Go client reports for an unlimited address space: 2^64 - 1 as a double. */
    private static final double UNLIMITED = 18446744073709551615.0;

    /** The process's start time, which never changes: /proc/stat's boot time is read for it once. */
    private OptionalDouble startTime;

    void collect(ProcFs fs, HostMetrics out) throws IOException {
        Path self = fs.proc("self");
        String stat = ProcFs.read(self.resolve("stat"));
        // the command name may hold spaces and parentheses: the fields follow its last ')'
        String[] f = Fields.of(stat.substring(stat.lastIndexOf(')') + 2));
        // f[0] is field 3 (state) of proc(5)
        double utime = Double.parseDouble(f[11]);
        double stime = Double.parseDouble(f[12]);
        double starttime = Double.parseDouble(f[19]);
        double vsize = Double.parseDouble(f[20]);
        double rss = Double.parseDouble(f[21]);
        out.counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", (utime + stime) / USER_HZ);
        out.gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", vsize);
        out.gauge("process_resident_memory_bytes", "Resident memory size in bytes.", rss * fs.pageSize());
        if (startTime == null) {
            OptionalDouble boot = bootTime(fs);
            startTime = boot.isPresent() ? OptionalDouble.of(boot.getAsDouble() + starttime / USER_HZ) : OptionalDouble.empty();
        }
        startTime.ifPresent(t -> out.gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", t));
        int open = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(self.resolve("fd"))) {
            for (Path ignored : fds) {
                open++;
            }
        }
        out.gauge("process_open_fds", "Number of open file descriptors.", open);
        for (String line : Files.readAllLines(self.resolve("limits"))) {
            if (line.startsWith("Max open files")) {
                out.gauge("process_max_fds", "Maximum number of open file descriptors.", limit(line, "Max open files"));
            } else if (line.startsWith("Max address space")) {
                out.gauge("process_virtual_memory_max_bytes", "Maximum amount of virtual memory available in bytes.",
                        limit(line, "Max address space"));
            }
        }
    }

    /** The soft limit column of /proc/self/limits. */
    private static double limit(String line, String name) {
        String soft = Fields.of(line.substring(name.length()))[0];
        return soft.equals("unlimited") ? UNLIMITED : Double.parseDouble(soft);
    }

    private static OptionalDouble bootTime(ProcFs fs) throws IOException {
        for (String line : fs.procLines("stat")) {
            if (line.startsWith("btime ")) {
                return OptionalDouble.of(Double.parseDouble(line.substring(6).strip()));
            }
        }
        return OptionalDouble.empty();
    }
}
