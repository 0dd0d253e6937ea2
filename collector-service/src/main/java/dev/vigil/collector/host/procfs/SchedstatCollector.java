package dev.vigil.collector.host.procfs;

import java.io.IOException;

/** node_exporter's schedstat: per-CPU scheduler time from /proc/schedstat, nanoseconds as seconds. */
final class SchedstatCollector implements NodeCollector {
    @Override
    public String name() {
        return "schedstat";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        for (String line : fs.procLines("schedstat")) {
            String[] f = Fields.of(line);
            if (f.length < 10 || !f[0].startsWith("cpu")) {
                continue;
            }
            String cpu = f[0].substring(3);
            out.counter("node_schedstat_running_seconds_total", "Number of seconds CPU spent running a process.",
                    Double.parseDouble(f[7]) / 1e9, "cpu", cpu);
            out.counter("node_schedstat_waiting_seconds_total", "Number of seconds spent by processing waiting for this CPU.",
                    Double.parseDouble(f[8]) / 1e9, "cpu", cpu);
            out.counter("node_schedstat_timeslices_total", "Number of timeslices executed by CPU.", Double.parseDouble(f[9]), "cpu", cpu);
        }
    }
}
