package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/** node_exporter's udp_queues: bytes queued in UDP sockets, summed from /proc/net/udp and udp6. */
final class UdpQueuesCollector implements NodeCollector {
    @Override
    public String name() {
        return "udp_queues";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        queues(fs, "net/udp", "v4", out);
        if (Files.exists(fs.proc("net/udp6"))) {
            queues(fs, "net/udp6", "v6", out);
        }
    }

    private static void queues(ProcFs fs, String file, String ip, HostMetrics out) throws IOException {
        List<String> lines = fs.procLines(file);
        double tx = 0;
        double rx = 0;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = Fields.of(line);
            if (f.length < 5) {
                continue;
            }
            String[] q = f[4].split(":");
            tx += Fields.hex(q[0]);
            rx += Fields.hex(q[1]);
        }
        String help = "Number of allocated memory in the kernel for UDP datagrams in bytes.";
        out.gauge("node_udp_queues", help, tx, "ip", ip, "queue", "tx");
        out.gauge("node_udp_queues", help, rx, "ip", ip, "queue", "rx");
    }
}
