package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * node_exporter's conntrack: table size and limit, and the per-CPU statistics of
 * /proc/net/stat/nf_conntrack summed over CPUs. Without the nf_conntrack module loaded there is
 * nothing to read and the collector reports no success, as node_exporter's does.
 */
final class ConntrackCollector implements NodeCollector {
    private static final String[][] STATS = {
            {"found", "Number of searched entries which were successful."},
            {"invalid", "Number of packets seen which can not be tracked."},
            {"ignore", "Number of packets seen which are already connected to a conntrack entry."},
            {"insert", "Number of entries inserted into the list."},
            {"insert_failed", "Number of entries for which list insertion was attempted but failed."},
            {"drop", "Number of packets dropped due to conntrack failure."},
            {"early_drop", "Number of dropped conntrack entries to make room for new ones, if maximum table size was reached."},
            {"search_restart", "Number of conntrack table lookups which had to be restarted due to hashtable resizes."},
    };

    @Override
    public String name() {
        return "conntrack";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        out.gauge("node_nf_conntrack_entries", "Number of currently allocated flow entries for connection tracking.",
                Double.parseDouble(fs.procValue("sys/net/netfilter/nf_conntrack_count")));
        out.gauge("node_nf_conntrack_entries_limit", "Maximum size of connection tracking table.",
                Double.parseDouble(fs.procValue("sys/net/netfilter/nf_conntrack_max")));
        if (!Files.exists(fs.proc("net/stat/nf_conntrack"))) {
            return;
        }
        List<String> lines = fs.procLines("net/stat/nf_conntrack");
        String[] header = Fields.of(lines.get(0));
        int[] columns = new int[STATS.length];
        for (int s = 0; s < STATS.length; s++) {
            columns[s] = indexOf(header, STATS[s][0]);
        }
        double[] sums = new double[STATS.length];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = Fields.of(line);
            for (int s = 0; s < STATS.length; s++) {
                int col = columns[s];
                if (col >= 0 && col < f.length) {
                    sums[s] += Fields.hex(f[col]);
                }
            }
        }
        for (int s = 0; s < STATS.length; s++) {
            out.gauge("node_nf_conntrack_stat_" + STATS[s][0], STATS[s][1], sums[s]);
        }
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
