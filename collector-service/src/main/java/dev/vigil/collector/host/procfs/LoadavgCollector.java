package dev.vigil.collector.host.procfs;

import java.io.IOException;

/** node_exporter's loadavg: /proc/loadavg. */
final class LoadavgCollector implements NodeCollector {
    @Override
    public String name() {
        return "loadavg";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        String[] f = Fields.of(fs.procValue("loadavg"));
        out.gauge("node_load1", "1m load average.", Double.parseDouble(f[0]));
        out.gauge("node_load5", "5m load average.", Double.parseDouble(f[1]));
        out.gauge("node_load15", "15m load average.", Double.parseDouble(f[2]));
    }
}
