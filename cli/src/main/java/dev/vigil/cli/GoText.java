package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.notify.GoJson;
import dev.vigil.gotemplate.GoFormat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/** How the Go tools print what the query commands repeat: log lines, times, label sets, indented JSON. */
final class GoText {
    private static final DateTimeFormatter LOG = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss ");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");

    private GoText() {
    }

    /** Go's standard logger prefix, local time: {@code 2026/01/02 15:04:05 }. */
    static String logPrefix() {
        return LOG.format(ZonedDateTime.now());
    }

    /** {@code time.RFC3339}: seconds, {@code Z} for UTC, else the offset. */
    static String rfc3339(Instant t, ZoneId zone) {
        return RFC3339.format(t.atZone(zone));
    }

    /** {@code time.Time}'s JSON form: RFC3339Nano, trailing zeros of the fraction dropped. */
    static String rfc3339Nano(Instant t, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        StringBuilder b = new StringBuilder(SECONDS.format(z));
        if (t.getNano() != 0) {
            b.append('.').append(String.format("%09d", t.getNano()).replaceAll("0+$", ""));
        }
        return b.append(OFFSET.format(z)).toString();
    }

    /** A Loki/Prometheus label set as Go's {@code LabelSet.String()}: sorted, {@code {a="x", b="y"}}. */
    static String labelSet(Map<String, String> sorted) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(e.getKey()).append('=').append(GoFormat.quote(e.getValue()));
        }
        return b.append('}').toString();
    }

    /** Go's {@code json.MarshalIndent(v, "", "  ")} of a tree (map keys as the tree orders them). */
    static String indent(JsonNode node) {
        StringBuilder b = new StringBuilder();
        indent(node, "", b);
        return b.toString();
    }

    private static void indent(JsonNode node, String pad, StringBuilder b) {
        String inner = pad + "  ";
        if (node.isObject()) {
            if (node.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.append(inner).append(GoJson.write(e.getKey())).append(": ");
                indent(e.getValue(), inner, b);
                b.append(it.hasNext() ? ",\n" : "\n");
            }
            b.append(pad).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                b.append(inner);
                indent(node.get(i), inner, b);
                b.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            b.append(pad).append(']');
        } else {
            b.append(GoJson.write(node));
        }
    }
}
