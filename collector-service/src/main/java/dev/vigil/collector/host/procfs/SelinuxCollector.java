package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.Files;

/**
 * node_exporter's selinux: whether SELinux is on ({@code /sys/fs/selinux} is mounted) and, when
 * it is, whether it enforces.
 */
final class SelinuxCollector implements NodeCollector {
    @Override
    public String name() {
        return "selinux";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        boolean enabled = Files.exists(fs.sys("fs/selinux/enforce"));
        out.gauge("node_selinux_enabled", "SELinux is enabled, 1 is true, 0 is false", enabled ? 1 : 0);
        if (enabled) {
            String enforce = ProcFs.read(fs.sys("fs/selinux/enforce")).strip();
            out.gauge("node_selinux_current_mode", "SELinux current mode, 1 is enforcing, 0 is permissive", enforce.equals("1") ? 1 : 0);
        }
    }
}
