package dev.vigil.collector.host.procfs;

import com.google.re2j.Pattern;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * node_exporter's netdev: per-interface counters of /proc/net/dev as
 * {@code node_network_<receive|transmit>_<field>_total}, limited by its device include/exclude.
 */
final class NetdevCollector implements NodeCollector {
    private static final String[] RECEIVE = {"bytes", "packets", "errs", "drop", "fifo", "frame", "compressed", "multicast"};
    private static final String[] TRANSMIT = {"bytes", "packets", "errs", "drop", "fifo", "colls", "carrier", "compressed"};

    private final Optional<Pattern> include;
    private final Optional<Pattern> exclude;

    NetdevCollector(Optional<String> include, Optional<String> exclude) {
        this.include = include.map(Pattern::compile);
        this.exclude = exclude.map(Pattern::compile);
    }

    @Override
    public String name() {
        return "netdev";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        List<String> lines = fs.procLines("net/dev");
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            int colon = line.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            // an interface name may itself hold ':' (aliases such as ibr10:30); the counters follow the last one
            String device = line.substring(0, colon).strip();
            if (include.isPresent() && !include.get().matcher(device).find()
                    || exclude.isPresent() && exclude.get().matcher(device).find()) {
                continue;
            }
            String[] f = Fields.of(line.substring(colon + 1));
            if (f.length < RECEIVE.length + TRANSMIT.length) {
                throw new IOException("short line in net/dev: " + line);
            }
            for (int i = 0; i < RECEIVE.length; i++) {
                add(out, "receive_" + RECEIVE[i], f[i], device);
            }
            for (int i = 0; i < TRANSMIT.length; i++) {
                add(out, "transmit_" + TRANSMIT[i], f[RECEIVE.length + i], device);
            }
        }
    }

    private static void add(HostMetrics out, String key, String value, String device) {
        out.counter("node_network_" + key + "_total", "Network device statistic " + key + ".", Double.parseDouble(value), "device", device);
    }
}
