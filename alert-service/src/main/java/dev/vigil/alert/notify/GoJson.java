package dev.vigil.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * JSON as Go's {@code encoding/json} writes it for Alertmanager's payloads: keys in the order
 * given, map keys sorted, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped as
 * {@code \u003c}-style sequences, times in RFC 3339 with trailing zeros of the fraction dropped.
 */
public final class GoJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    static {
        MAPPER.getFactory().setCharacterEscapes(new GoEscapes());
    }

    private GoJson() {
    }

    private static final class GoEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] table;

        GoEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_CUSTOM;
            table['>'] = ESCAPE_CUSTOM;
            table['&'] = ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<', '>', '&', 0x2028, 0x2029 -> new SerializedString(String.format("\\u%04x", ch));
                default -> null;
            };
        }
    }

    /** A fresh object node whose fields keep insertion order. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Adds a string map with sorted keys, as Go marshals maps. */
    static void putMap(ObjectNode parent, String field, Map<String, String> map) {
        ObjectNode o = parent.putObject(field);
        new java.util.TreeMap<>(map).forEach(o::put);
    }

    /** Go's RFC3339Nano in UTC: {@code 2026-01-05T10:00:00.5Z}, {@code 0001-01-01T00:00:00Z}. */
    public static String time(Instant t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t.atOffset(ZoneOffset.UTC)));
        if (t.getNano() != 0) {
            sb.append('.').append(String.format("%09d", t.getNano()).replaceAll("0+$", ""));
        }
        return sb.append('Z').toString();
    }

    /** Serialises with Go's escaping. */
    public static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }
}
