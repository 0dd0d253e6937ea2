package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.Files;

/**
 * node_exporter's sockstat: /proc/net/sockstat and sockstat6 as {@code node_sockstat_<PROTO>_<state>};
 * {@code mem} counts pages, so it also appears in bytes.
 */
final class SockstatCollector implements NodeCollector {
    @Override
    public String name() {
        return "sockstat";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        read(fs, "net/sockstat", out);
        if (Files.exists(fs.proc("net/sockstat6"))) {
            read(fs, "net/sockstat6", out);
        }
    }

    private static void read(ProcFs fs, String file, HostMetrics out) throws IOException {
        for (String line : fs.procLines(file)) {
            String[] f = Fields.of(line);
            if (f.length < 3 || !f[0].endsWith(":")) {
                continue;
            }
            String protocol = f[0].substring(0, f[0].length() - 1);
            if (protocol.equals("sockets")) {
                out.gauge("node_sockstat_sockets_used", "Number of IPv4 sockets in use.", Double.parseDouble(f[2]));
                continue;
            }
            for (int i = 1; i + 1 < f.length; i += 2) {
                double v = Double.parseDouble(f[i + 1]);
                state(out, protocol, f[i], v);
                if (f[i].equals("mem")) {
                    state(out, protocol, "mem_bytes", v * fs.pageSize());
                }
            }
        }
    }

    private static void state(HostMetrics out, String protocol, String state, double v) {
        out.gauge("node_sockstat_" + protocol + "_" + state, "Number of " + protocol + " sockets in state " + state + ".", v);
    }
}
