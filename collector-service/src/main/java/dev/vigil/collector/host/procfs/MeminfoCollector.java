package dev.vigil.collector.host.procfs;

import java.io.IOException;

/**
 * node_exporter's meminfo: every /proc/meminfo field as {@code node_memory_<field>[_bytes]},
 * {@code Active(anon)} written {@code Active_anon}; fields in kB become bytes.
 */
final class MeminfoCollector implements NodeCollector {
    @Override
    public String name() {
        return "meminfo";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        for (String line : fs.procLines("meminfo")) {
            String[] f = Fields.of(line);
            if (f.length < 2 || !f[0].endsWith(":")) {
                continue;
            }
            String key = f[0].substring(0, f[0].length() - 1).replace("(", "_").replace(")", "");
            double value = Double.parseDouble(f[1]);
            if (f.length == 3) {
                value *= 1024;
                key += "_bytes";
            }
            out.gauge("node_memory_" + key, "Memory information field " + key + ".", value);
        }
    }
}
