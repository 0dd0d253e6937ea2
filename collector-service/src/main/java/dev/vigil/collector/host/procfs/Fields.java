package dev.vigil.collector.host.procfs;

/** Splitting and number parsing shared by the /proc parsers. */
final class Fields {
    private Fields() {
    }

    /** Whitespace-separated fields, as Go's strings.Fields. */
    static String[] of(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    /** A hexadecimal counter (/proc/net/softnet_stat, nf_conntrack stats, udp queues). */
    static double hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }
}
