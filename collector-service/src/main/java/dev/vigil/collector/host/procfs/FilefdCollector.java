package dev.vigil.collector.host.procfs;

import java.io.IOException;

/** node_exporter's filefd: /proc/sys/fs/file-nr (allocated, unused, maximum). */
final class FilefdCollector implements NodeCollector {
    @Override
    public String name() {
        return "filefd";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        String[] f = Fields.of(fs.procValue("sys/fs/file-nr"));
        out.gauge("node_filefd_allocated", "File descriptor statistics: allocated.", Double.parseDouble(f[0]));
        out.gauge("node_filefd_maximum", "File descriptor statistics: maximum.", Double.parseDouble(f[2]));
    }
}
