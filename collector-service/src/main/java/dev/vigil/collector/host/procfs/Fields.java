package dev.vigil.collector.host.procfs;

import java.util.regex.Pattern;

/** Splitting and number parsing shared by the /proc parsers. */
final class Fields {
    /** Compiled once: String.split recompiles a pattern of more than one character on every call. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Fields() {
    }

    /** Whitespace-separated fields, as Go's strings.Fields. */
    static String[] of(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : WHITESPACE.split(t);
    }

    /** A hexadecimal counter (/proc/net/softnet_stat, nf_conntrack stats, udp queues). */
    static double hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }
}
