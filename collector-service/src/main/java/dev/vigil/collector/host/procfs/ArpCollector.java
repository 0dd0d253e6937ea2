package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** node_exporter's arp: ARP table entries per device, from /proc/net/arp. */
final class ArpCollector implements NodeCollector {
    @Override
    public String name() {
        return "arp";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        List<String> lines = fs.procLines("net/arp");
        Map<String, Integer> perDevice = new TreeMap<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = Fields.of(line);
            if (f.length >= 6) {
                perDevice.merge(f[5], 1, Integer::sum);
            }
        }
        perDevice.forEach((device, n) -> out.gauge("node_arp_entries", "ARP entries by device", n, "device", device));
    }
}
