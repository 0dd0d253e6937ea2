package dev.vigil.collector.nodelogs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code journalctl -o json} output: one JSON object per line. Values are strings, except
 * that binary fields come as arrays of byte values and repeated fields as arrays of values.
 * Lines that are not journal records (no cursor or time) are skipped and counted.
 */
public final class JournalParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Receives parsed entries; may throw to stop reading. */
    @FunctionalInterface
    public interface Consumer {
        void accept(JournalEntry entry) throws IOException;
    }

    private JournalParser() {
    }

    /** Parses every record of the stream; returns how many lines were skipped as malformed. */
    public static int parse(InputStream in, Consumer out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int skipped = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                skipped++;
                continue;
            }
            String cursor = text(n.path("__CURSOR"));
            String realtime = text(n.path("__REALTIME_TIMESTAMP"));
            if (cursor.isEmpty() || !realtime.matches("\\d+")) {
                skipped++;
                continue;
            }
            String priority = text(n.path("PRIORITY"));
            out.accept(new JournalEntry(cursor, Long.parseLong(realtime),
                    priority.matches("[0-7]") ? Integer.parseInt(priority) : 6,
                    text(n.path("_SYSTEMD_UNIT")), text(n.path("SYSLOG_IDENTIFIER")), text(n.path("MESSAGE"))));
        }
        return skipped;
    }

    /** A field's value: a string, bytes (array of numbers), or several of those joined by newlines. */
    static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            if (v.size() > 0 && v.get(0).isNumber()) {
                byte[] bytes = new byte[v.size()];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) v.get(i).asInt();
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : v) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(text(item));
            }
            return sb.toString();
        }
        return v.isNumber() ? v.asText() : "";
    }
}
