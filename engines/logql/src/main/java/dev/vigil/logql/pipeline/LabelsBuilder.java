package dev.vigil.logql.pipeline;

import dev.vigil.model.Label;
import dev.vigil.model.Labels;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The labels of one entry while it goes through a pipeline: the stream's labels, its structured
 * metadata and what the stages extract. The map is only built when a stage reads or writes a
 * label, so a pipeline of line filters costs nothing here. {@code __error__} is kept apart until
 * {@link #labels()} because stages test for it often.
 */
public final class LabelsBuilder {
    /** Label set by a stage that failed ({@code JSONParserErr}, {@code LabelFilterErr}, ...). */
    public static final String ERROR = "__error__";
    /** Loki's suffix for an extracted label whose name the stream already uses. */
    public static final String DUPLICATE_SUFFIX = "_extracted";

    private final Labels stream;
    private final Labels metadata;
    private TreeMap<String, String> current;
    private String error = "";

    public LabelsBuilder(Labels stream, Labels metadata) {
        this.stream = stream;
        this.metadata = metadata;
    }

    private TreeMap<String, String> map() {
        if (current == null) {
            current = stream.toMap();
            for (Label l : metadata) {
                current.put(l.name(), l.value());
            }
        }
        return current;
    }

    /** The value of {@code name}, "" when absent. */
    public String get(String name) {
        if (name.equals(ERROR)) {
            return error;
        }
        return map().getOrDefault(name, "");
    }

    public boolean has(String name) {
        return !get(name).isEmpty();
    }

    /** True when the stream itself (not a parser) has the label; parsers then write {@code name_extracted}. */
    public boolean streamHas(String name) {
        return !stream.get(name).isEmpty();
    }

    /** Sets a label; an empty value removes it (empty means absent, as in Loki and Prometheus). */
    public void set(String name, String value) {
        if (name.equals(ERROR)) {
            error = value;
            return;
        }
        if (value.isEmpty()) {
            map().remove(name);
        } else {
            map().put(name, value);
        }
    }

    /** Sets a label a parser extracted, renaming it when the stream already has that name. */
    public void setExtracted(String name, String value) {
        set(streamHas(name) ? name + DUPLICATE_SUFFIX : name, value);
    }

    public void delete(String name) {
        set(name, "");
    }

    public boolean hasError() {
        return !error.isEmpty();
    }

    public void setError(String error) {
        if (this.error.isEmpty()) {
            this.error = error;
        }
    }

    /** A copy of all labels including {@code __error__}, for templates. */
    public Map<String, String> asMap() {
        TreeMap<String, String> m = new TreeMap<>(map());
        if (!error.isEmpty()) {
            m.put(ERROR, error);
        }
        return m;
    }

    /** Names of every label currently set, {@code __error__} included. */
    public Set<String> names() {
        return asMap().keySet();
    }

    /** The final label set; the stream's own labels when no stage touched them. */
    public Labels labels() {
        if (current == null && error.isEmpty() && metadata.isEmpty()) {
            return stream;
        }
        return Labels.from(asMap());
    }
}
