package dev.vigil.collector.scrape.relabel;

import java.util.Locale;

/** The actions of a Prometheus {@code relabel_config}, by their YAML names. */
public enum RelabelAction {
    REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE;

    /** The action named {@code name} in any case, as Prometheus reads it. */
    public static RelabelAction parse(String name) {
        for (RelabelAction a : values()) {
            if (a.yamlName().equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown relabel action \"" + name + "\"");
    }

    /** The name in configuration files. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return yamlName();
    }
}
