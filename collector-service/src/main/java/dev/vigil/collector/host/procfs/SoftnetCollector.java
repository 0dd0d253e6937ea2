package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.util.List;

/**
 * node_exporter's softnet: /proc/net/softnet_stat, one hexadecimal line per CPU. Columns after
 * the eleventh (backlog length, CPU index) came with later kernels; without them the CPU is the
 * line's position and the backlog zero.
 */
final class SoftnetCollector implements NodeCollector {
    @Override
    public String name() {
        return "softnet";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        List<String> lines = fs.procLines("net/softnet_stat");
        for (int i = 0; i < lines.size(); i++) {
            String[] f = Fields.of(lines.get(i));
            if (f.length < 11) {
                continue;
            }
            String cpu = Long.toString(f.length >= 13 ? (long) Fields.hex(f[12]) : i);
            out.counter("node_softnet_processed_total", "Number of processed packets", Fields.hex(f[0]), "cpu", cpu);
            out.counter("node_softnet_dropped_total", "Number of dropped packets", Fields.hex(f[1]), "cpu", cpu);
            out.counter("node_softnet_times_squeezed_total", "Number of times processing packets ran out of quota", Fields.hex(f[2]),
                    "cpu", cpu);
            out.counter("node_softnet_cpu_collision_total", "Number of collision occur while obtaining device lock while transmitting",
                    Fields.hex(f[8]), "cpu", cpu);
            out.counter("node_softnet_received_rps_total", "Number of times cpu woken up received_rps", Fields.hex(f[9]), "cpu", cpu);
            out.counter("node_softnet_flow_limit_count_total", "Number of times flow limit has been reached", Fields.hex(f[10]),
                    "cpu", cpu);
            out.gauge("node_softnet_backlog_len", "Softnet backlog status", f.length >= 12 ? Fields.hex(f[11]) : 0, "cpu", cpu);
        }
    }
}
