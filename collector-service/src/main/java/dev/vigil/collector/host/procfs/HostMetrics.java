package dev.vigil.collector.host.procfs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one read of the node collectors found: metric families in node_exporter's shape (name,
 * HELP, TYPE, series). Collectors add to it; the caller turns it into published series and
 * metadata. Families keep the order they were first added in.
 */
public final class HostMetrics {
    /** One series of a family: label names and values alternating, then the value. */
    public record Series(List<String> labels, double value) {
    }

    /** A metric family as node_exporter exposes it. */
    public record Family(String name, String help, String type, List<Series> series) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Adds one series to the family {@code name}, creating the family on first use. */
    public void add(String name, String type, String help, double value, String... labels) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, help, type, new ArrayList<>()));
        f.series().add(new Series(List.of(labels), value));
    }

    public void gauge(String name, String help, double value, String... labels) {
        add(name, "gauge", help, value, labels);
    }

    public void counter(String name, String help, double value, String... labels) {
        add(name, "counter", help, value, labels);
    }

    public void untyped(String name, String help, double value, String... labels) {
        add(name, "untyped", help, value, labels);
    }

    public Collection<Family> families() {
        return families.values();
    }

    public Family family(String name) {
        return families.get(name);
    }
}
