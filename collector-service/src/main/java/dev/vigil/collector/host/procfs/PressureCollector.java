package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * node_exporter's pressure: the stall totals of /proc/pressure (PSI, Linux 4.20+), microseconds
 * as seconds. CPU has only "some" here, IRQ only "full" (Linux 6.1+, absent on older kernels).
 */
final class PressureCollector implements NodeCollector {
    @Override
    public String name() {
        return "pressure";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        if (!Files.exists(fs.proc("pressure/cpu"))) {
            throw new NoSuchFileException(fs.proc("pressure/cpu") + " (pressure stall information is off in this kernel)");
        }
        out.counter("node_pressure_cpu_waiting_seconds_total", "Total time in seconds that processes have waited for CPU time",
                total(fs, "cpu", "some"));
        out.counter("node_pressure_io_waiting_seconds_total", "Total time in seconds that processes have waited due to IO congestion",
                total(fs, "io", "some"));
        out.counter("node_pressure_io_stalled_seconds_total", "Total time in seconds no process could make progress due to IO congestion",
                total(fs, "io", "full"));
        out.counter("node_pressure_memory_waiting_seconds_total", "Total time in seconds that processes have waited for memory",
                total(fs, "memory", "some"));
        out.counter("node_pressure_memory_stalled_seconds_total",
                "Total time in seconds no process could make progress due to memory congestion", total(fs, "memory", "full"));
        if (Files.exists(fs.proc("pressure/irq"))) {
            out.counter("node_pressure_irq_stalled_seconds_total", "Total time in seconds no process could make progress due to IRQ congestion",
                    total(fs, "irq", "full"));
        }
    }

    private static double total(ProcFs fs, String resource, String kind) throws IOException {
        for (String line : fs.procLines("pressure/" + resource)) {
            String[] f = Fields.of(line);
            if (f.length > 0 && f[0].equals(kind)) {
                for (String kv : f) {
                    if (kv.startsWith("total=")) {
                        // as node_exporter computes it, so the doubles are the same
                        return Double.parseDouble(kv.substring(6)) / 1000.0 / 1000.0;
                    }
                }
            }
        }
        throw new IOException("no " + kind + " total in pressure/" + resource);
    }
}
