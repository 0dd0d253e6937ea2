package dev.vigil.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable label set, sorted by name, with no empty values (an empty value means "absent",
 * as in Prometheus). Equality and ordering are by content, so a {@code Labels} is a series identity.
 */
public final class Labels implements Comparable<Labels>, Iterable<Label> {
    public static final Labels EMPTY = new Labels(new String[0]);
    public static final String METRIC_NAME = "__name__";

    /** name0, value0, name1, value1, ... sorted by name. */
    private final String[] kv;
    private int hash;

    private Labels(String[] kv) {
        this.kv = kv;
    }

    /** From alternating names and values, in any order; empty values are dropped. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs");
        }
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return from(m);
    }

    public static Labels from(Map<String, String> map) {
        TreeMap<String, String> sorted = map instanceof TreeMap<String, String> t && t.comparator() == null ? t : new TreeMap<>(map);
        List<String> out = new ArrayList<>(sorted.size() * 2);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                out.add(e.getKey());
                out.add(e.getValue());
            }
        }
        return new Labels(out.toArray(new String[0]));
    }

    public int size() {
        return kv.length / 2;
    }

    public boolean isEmpty() {
        return kv.length == 0;
    }

    public String name(int i) {
        return kv[2 * i];
    }

    public String value(int i) {
        return kv[2 * i + 1];
    }

    /** The value of {@code name}, or "" when absent (Prometheus semantics). */
    public String get(String name) {
        for (int i = 0; i < kv.length; i += 2) {
            int c = kv[i].compareTo(name);
            if (c == 0) {
                return kv[i + 1];
            }
            if (c > 0) {
                break;
            }
        }
        return "";
    }

    public Optional<String> find(String name) {
        String v = get(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String metricName() {
        return get(METRIC_NAME);
    }

    public TreeMap<String, String> toMap() {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    public Builder toBuilder() {
        return new Builder(toMap());
    }

    public static Builder builder() {
        return new Builder(new TreeMap<>());
    }

    /** Mutable builder; setting a label to "" removes it. */
    public static final class Builder {
        private final TreeMap<String, String> m;

        private Builder(TreeMap<String, String> m) {
            this.m = m;
        }

        public Builder set(String name, String value) {
            if (value == null || value.isEmpty()) {
                m.remove(name);
            } else {
                m.put(name, value);
            }
            return this;
        }

        public Builder remove(String name) {
            m.remove(name);
            return this;
        }

        public Labels build() {
            return from(m);
        }
    }

    @Override
    public Iterator<Label> iterator() {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < kv.length;
            }

            @Override
            public Label next() {
                if (i >= kv.length) {
                    throw new NoSuchElementException();
                }
                Label l = new Label(kv[i], kv[i + 1]);
                i += 2;
                return l;
            }
        };
    }

    @Override
    public int compareTo(Labels o) {
        int n = Math.min(kv.length, o.kv.length);
        for (int i = 0; i < n; i++) {
            int c = kv[i].compareTo(o.kv[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(kv.length, o.kv.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(kv, l.kv);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(kv);
            hash = h;
        }
        return h;
    }

    /** Prometheus text form: {@code name{a="b", c="d"}} (metric name outside the braces). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        sb.append(name);
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i].equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(kv[i]).append("=\"").append(escape(kv[i + 1])).append('"');
        }
        sb.append('}');
        return sb.toString();
    }

    /** A label value as the text exposition format and PromQL write it: backslash, quote and newline escaped. */
    public static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
