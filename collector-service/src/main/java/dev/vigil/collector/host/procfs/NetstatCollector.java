package dev.vigil.collector.host.procfs;

import com.google.re2j.Pattern;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's netstat: the protocol counters of /proc/net/netstat, /proc/net/snmp and
 * /proc/net/snmp6 that its {@code --collector.netstat.fields} pattern selects, as
 * {@code node_netstat_<Protocol>_<Name>}.
 */
final class NetstatCollector implements NodeCollector {
    /** node_exporter's default field pattern. */
    static final String DEFAULT_FIELDS = "^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)"
            + "|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts|TCPOFOQueue|TCPRcvQDrop)"
            + "|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)"
            + "|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$";

    private final Pattern fields;

    NetstatCollector(String fields) {
        this.fields = Pattern.compile(fields);
    }

    @Override
    public String name() {
        return "netstat";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        // protocol -> name -> value; a later duplicate name wins, as in node_exporter's map
        Map<String, Map<String, String>> stats = new LinkedHashMap<>();
        pairs(fs.procLines("net/netstat"), stats);
        pairs(fs.procLines("net/snmp"), stats);
        if (Files.exists(fs.proc("net/snmp6"))) {
            snmp6(fs.procLines("net/snmp6"), stats);
        }
        stats.forEach((protocol, values) -> values.forEach((name, value) -> {
            String key = protocol + "_" + name;
            if (fields.matcher(key).find()) {
                out.untyped("node_netstat_" + key, "Statistic " + protocol + name + ".", Double.parseDouble(value));
            }
        }));
    }

    /** "Proto: Name Name…" followed by "Proto: value value…". */
    private static void pairs(List<String> lines, Map<String, Map<String, String>> stats) throws IOException {
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String[] names = Fields.of(lines.get(i));
            String[] values = Fields.of(lines.get(i + 1));
            if (names.length == 0 || names.length != values.length || !names[0].equals(values[0])) {
                throw new IOException("mismatched header and values: " + lines.get(i));
            }
            String protocol = names[0].substring(0, names[0].length() - 1);
            Map<String, String> m = stats.computeIfAbsent(protocol, p -> new LinkedHashMap<>());
            for (int k = 1; k < names.length; k++) {
                m.put(names[k], values[k]);
            }
        }
    }

    /** "Ip6InReceives 7": the protocol runs to the first '6'. */
    private static void snmp6(List<String> lines, Map<String, Map<String, String>> stats) {
        for (String line : lines) {
            String[] f = Fields.of(line);
            int six = f.length < 2 ? -1 : f[0].indexOf('6');
            if (six >= 0) {
                stats.computeIfAbsent(f[0].substring(0, six + 1), p -> new LinkedHashMap<>()).put(f[0].substring(six + 1), f[1]);
            }
        }
    }
}
