package dev.vigil.logs.rest;

import dev.vigil.logql.StreamResult;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Loki's detected fields (Grafana's Logs Drilldown "Fields"): the labels a json or logfmt parser
 * extracts from the lines of a query, beyond the streams' own labels, each with its number of
 * distinct values, the parsers that found it and a type read from its values as Loki reads them
 * (int, float, boolean, duration, bytes, else string).
 */
final class DetectedFields {
    private static final Pattern DURATION = Pattern.compile("^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))+$");
    private static final Pattern BYTES = Pattern.compile("^\\d+(\\.\\d+)?\\s?([kKmMgGtTpPeE]i?)?[bB]$");
    private static final Pattern INT = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|(?i:nan)|[-+]?(?i:inf(inity)?)");
    /** Go's strconv.ParseBool. */
    private static final Set<String> BOOLEANS = Set.of("t", "T", "TRUE", "true", "True", "f", "F", "FALSE", "false", "False");
    private static final Set<String> NOT_FIELDS = Set.of("__error__", "__error_details__");

    /** One field: name, values seen (at most the values limit kept), parsers. */
    static final class Field {
        final String label;
        final Set<String> values = new LinkedHashSet<>();
        final Set<String> parsers = new LinkedHashSet<>();

        Field(String label) {
            this.label = label;
        }

        String type() {
            String type = null;
            for (String v : values) {
                String t = typeOf(v);
                if (type == null) {
                    type = t;
                } else if (!type.equals(t)) {
                    return "string";
                }
            }
            return type == null ? "string" : type;
        }
    }

    private final Map<String, Field> fields = new TreeMap<>();
    private final int valueLimit;

    DetectedFields(int valueLimit) {
        this.valueLimit = valueLimit;
    }

    /**
     * Adds what a parser extracted: every label of {@code parsed} that none of the query's own
     * streams has (a parsed name that collides with a stream label comes back as {@code name_extracted}).
     */
    void add(String parser, List<StreamResult> parsed, Set<String> streamLabelNames) {
        for (StreamResult s : parsed) {
            Labels l = s.labels();
            if (l.find("__error__").isPresent()) {
                continue; // the parser could not read these lines
            }
            for (int i = 0; i < l.size(); i++) {
                String name = l.name(i);
                if (streamLabelNames.contains(name) || NOT_FIELDS.contains(name)) {
                    continue;
                }
                Field f = fields.computeIfAbsent(name, Field::new);
                f.parsers.add(parser);
                if (f.values.size() < valueLimit) {
                    f.values.add(l.value(i));
                }
            }
        }
    }

    /** Loki's {@code detected_fields} answer, at most {@code fieldLimit} fields. */
    Map<String, Object> answer(int fieldLimit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Field f : fields.values()) {
            if (out.size() == fieldLimit) {
                break;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", f.label);
            m.put("type", f.type());
            m.put("cardinality", f.values.size());
            m.put("parsers", List.copyOf(f.parsers));
            out.add(m);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fields", out);
        answer.put("limit", fieldLimit);
        return answer;
    }

    /** Loki's {@code detected_field/{name}/values} answer. */
    Map<String, Object> values(String name, int limit) {
        Field f = fields.get(name);
        List<String> values = f == null ? List.of() : f.values.stream().limit(limit).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("values", values);
        answer.put("limit", limit);
        return answer;
    }

    /** In Loki's order: an integer, a float, a Go boolean, a Go duration, a byte size, else a string. */
    static String typeOf(String v) {
        String t = v.strip();
        if (INT.matcher(t).matches()) {
            return "int";
        }
        if (FLOAT.matcher(t).matches()) {
            return "float";
        }
        if (BOOLEANS.contains(t)) {
            return "boolean";
        }
        if (DURATION.matcher(t).matches()) {
            return "duration";
        }
        if (BYTES.matcher(t).matches()) {
            return "bytes";
        }
        return "string";
    }
}
