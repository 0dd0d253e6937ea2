package dev.vigil.collector.host.procfs;

import com.sun.jna.Native;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * node_exporter's uname: uname(2) of the node as {@code node_uname_info}. The collector shares the
 * node's UTS namespace (hostNetwork pods do), so nodename is the node's host name.
 */
final class UnameCollector implements NodeCollector {
    /** sysname, nodename, release, version, machine, domainname, as struct utsname holds them. */
    record Uname(String sysname, String nodename, String release, String version, String machine, String domainname) {
    }

    interface Source {
        Uname read() throws IOException;
    }

    private final Source source;

    UnameCollector(Source source) {
        this.source = source;
    }

    @Override
    public String name() {
        return "uname";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        Uname u = source.read();
        out.gauge("node_uname_info", "Labeled system information as provided by the uname system call.", 1,
                "domainname", u.domainname(), "machine", u.machine(), "nodename", u.nodename(), "release", u.release(),
                "sysname", u.sysname(), "version", u.version());
    }

    /** Linux's struct utsname: six NUL-terminated fields of 65 bytes. */
    static Uname system() throws IOException {
        byte[] buf = new byte[6 * 65];
        int rc;
        try {
            rc = LibC.INSTANCE.uname(buf);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IOException("uname: " + e.getMessage(), e);
        }
        if (rc != 0) {
            throw new IOException("uname failed, errno " + Native.getLastError());
        }
        String[] f = new String[6];
        for (int i = 0; i < 6; i++) {
            int start = i * 65;
            int end = start;
            while (end < start + 65 && buf[end] != 0) {
                end++;
            }
            f[i] = new String(buf, start, end - start, StandardCharsets.UTF_8);
        }
        return new Uname(f[0], f[1], f[2], f[3], f[4], f[5]);
    }
}
