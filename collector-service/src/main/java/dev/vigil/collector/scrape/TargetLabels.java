package dev.vigil.collector.scrape;

import dev.vigil.model.Label;
import dev.vigil.model.Labels;

/**
 * Puts target labels on scraped series the way Prometheus's {@code honor_labels} does.
 */
public final class TargetLabels {
    private static final String EXPORTED = "exported_";

    private TargetLabels() {
    }

    /**
     * With {@code honorLabels}, a label the exporter set wins and the target's is left out. Without
     * it, the target's label wins and the exporter's value moves to {@code exported_<name>}
     * (prefixed again while that name is taken too).
     */
    public static Labels apply(Labels scraped, Labels target, boolean honorLabels) {
        Labels.Builder out = scraped.toBuilder();
        if (honorLabels) {
            for (Label l : target) {
                if (scraped.get(l.name()).isEmpty()) {
                    out.set(l.name(), l.value());
                }
            }
            return out.build();
        }
        Labels.Builder conflicts = Labels.builder();
        for (Label l : target) {
            String exposed = scraped.get(l.name());
            if (!exposed.isEmpty()) {
                conflicts.set(l.name(), exposed);
            }
            out.set(l.name(), l.value());
        }
        Labels built = out.build();
        for (Label c : conflicts.build()) {
            String name = EXPORTED + c.name();
            while (!built.get(name).isEmpty()) {
                name = EXPORTED + name;
            }
            built = built.toBuilder().set(name, c.value()).build();
        }
        return built;
    }
}
