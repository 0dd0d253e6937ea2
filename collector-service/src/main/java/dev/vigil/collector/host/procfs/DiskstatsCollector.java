package dev.vigil.collector.host.procfs;

import com.google.re2j.Pattern;

import java.io.IOException;

/**
 * node_exporter's diskstats: /proc/diskstats per block device. Sectors are 512 bytes whatever the
 * device's own sector size (the kernel counts in 512-byte units here); times are milliseconds.
 * Discard columns exist from Linux 4.18, flush columns from 5.5.
 */
final class DiskstatsCollector implements NodeCollector {
    /** node_exporter's default --collector.diskstats.device-exclude: partitions and RAM/loop devices. */
    static final String DEFAULT_EXCLUDE = "^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$";
    private static final double SECTOR = 512;
    private static final double SECONDS_PER_TICK = 1.0 / 1000.0;

    private final Pattern exclude;

    DiskstatsCollector(String exclude) {
        this.exclude = Pattern.compile(exclude);
    }

    @Override
    public String name() {
        return "diskstats";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        for (String line : fs.procLines("diskstats")) {
            String[] f = Fields.of(line);
            if (f.length < 14 || exclude.matcher(f[2]).find()) {
                continue;
            }
            String d = f[2];
            out.counter("node_disk_reads_completed_total", "The total number of reads completed successfully.", v(f, 3), "device", d);
            out.counter("node_disk_reads_merged_total", "The total number of reads merged.", v(f, 4), "device", d);
            out.counter("node_disk_read_bytes_total", "The total number of bytes read successfully.", v(f, 5) * SECTOR, "device", d);
            out.counter("node_disk_read_time_seconds_total", "The total number of seconds spent by all reads.",
                    v(f, 6) * SECONDS_PER_TICK, "device", d);
            out.counter("node_disk_writes_completed_total", "The total number of writes completed successfully.", v(f, 7), "device", d);
            out.counter("node_disk_writes_merged_total", "The number of writes merged.", v(f, 8), "device", d);
            out.counter("node_disk_written_bytes_total", "The total number of bytes written successfully.", v(f, 9) * SECTOR,
                    "device", d);
            out.counter("node_disk_write_time_seconds_total", "This is the total number of seconds spent by all writes.",
                    v(f, 10) * SECONDS_PER_TICK, "device", d);
            out.gauge("node_disk_io_now", "The number of I/Os currently in progress.", v(f, 11), "device", d);
            out.counter("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", v(f, 12) * SECONDS_PER_TICK, "device", d);
            out.counter("node_disk_io_time_weighted_seconds_total", "The weighted # of seconds spent doing I/Os.",
                    v(f, 13) * SECONDS_PER_TICK, "device", d);
            if (f.length >= 18) {
                out.counter("node_disk_discards_completed_total", "The total number of discards completed successfully.", v(f, 14),
                        "device", d);
                out.counter("node_disk_discards_merged_total", "The total number of discards merged.", v(f, 15), "device", d);
                out.counter("node_disk_discarded_sectors_total", "The total number of sectors discarded successfully.", v(f, 16),
                        "device", d);
                out.counter("node_disk_discard_time_seconds_total", "This is the total number of seconds spent by all discards.",
                        v(f, 17) * SECONDS_PER_TICK, "device", d);
            }
            if (f.length >= 20) {
                out.counter("node_disk_flush_requests_total", "The total number of flush requests completed successfully", v(f, 18),
                        "device", d);
                out.counter("node_disk_flush_requests_time_seconds_total", "This is the total number of seconds spent by all flush requests.",
                        v(f, 19) * SECONDS_PER_TICK, "device", d);
            }
        }
    }

    private static double v(String[] f, int i) {
        return Double.parseDouble(f[i]);
    }
}
