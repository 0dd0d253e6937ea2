package dev.vigil.alert.notify;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** URL encoding as Go's net/url does it, for requests that must look like Alertmanager's (and logcli's). */
public final class GoUrl {
    private GoUrl() {
    }

    /** {@code url.QueryEscape}: letters, digits and {@code -_.~} stay, space is {@code +}, every other byte {@code %XX}. */
    public static String queryEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            int u = c & 0xff;
            if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_' || u == '.' || u == '~') {
                b.append((char) u);
            } else if (u == ' ') {
                b.append('+');
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(u & 15, 16)));
            }
        }
        return b.toString();
    }

    /**
     * What Go's {@code URL.EscapedPath} makes of a path: letters, digits, {@code -_.~} and
     * {@code $&+,/:;=@} stay, every other byte is {@code %XX}.
     */
    public static String pathEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            int u = c & 0xff;
            if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || "-_.~$&+,/:;=@".indexOf(u) >= 0) {
                b.append((char) u);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(u & 15, 16)));
            }
        }
        return b.toString();
    }

    /** {@code url.Values.Encode()}: keys sorted, each {@code key=value} escaped, joined by {@code &}. */
    public static String encode(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(queryEscape(k)).append('=').append(queryEscape(v)));
        return b.toString();
    }
}
