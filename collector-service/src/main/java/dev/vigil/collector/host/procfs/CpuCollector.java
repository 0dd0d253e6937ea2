package dev.vigil.collector.host.procfs;

import java.io.IOException;

/**
 * node_exporter's cpu: per-CPU time by mode from the {@code cpuN} lines of /proc/stat, in USER_HZ
 * ticks (100 per second on every Linux architecture the kernel exposes to user space).
 */
final class CpuCollector implements NodeCollector {
    private static final double USER_HZ = 100;
    private static final String[] MODES = {"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"};

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        for (String line : fs.procLines("stat")) {
            if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
                continue;
            }
            String[] f = Fields.of(line);
            String cpu = f[0].substring(3);
            for (int i = 0; i < MODES.length; i++) {
                out.counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", ticks(f, i + 1),
                        "cpu", cpu, "mode", MODES[i]);
            }
            String help = "Seconds the CPUs spent in guests (VMs) for each mode.";
            out.counter("node_cpu_guest_seconds_total", help, ticks(f, 9), "cpu", cpu, "mode", "user");
            out.counter("node_cpu_guest_seconds_total", help, ticks(f, 10), "cpu", cpu, "mode", "nice");
        }
    }

    /** Older kernels print fewer columns; the missing ones read as zero, as node_exporter's parser leaves them. */
    private static double ticks(String[] f, int i) {
        return i < f.length ? Double.parseDouble(f[i]) / USER_HZ : 0;
    }
}
