package dev.vigil.collector.host.procfs;

import java.io.IOException;

/** node_exporter's entropy: the kernel random pool, from /proc/sys/kernel/random. */
final class EntropyCollector implements NodeCollector {
    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        out.gauge("node_entropy_available_bits", "Bits of available entropy.", Double.parseDouble(fs.procValue("sys/kernel/random/entropy_avail")));
        out.gauge("node_entropy_pool_size_bits", "Bits of entropy pool.", Double.parseDouble(fs.procValue("sys/kernel/random/poolsize")));
    }
}
