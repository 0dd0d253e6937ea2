package dev.vigil.model;

import java.util.Locale;

/**
 * The operating system of a node, as Kubernetes names it in the {@code kubernetes.io/os} label and as
 * Vigil writes it in the {@code os} label of every series and stream a node sends.
 */
public enum NodeOs {
    LINUX("linux"), WINDOWS("windows");

    private final String label;

    NodeOs(String label) {
        this.label = label;
    }

    /** The value used in {@code os} labels and in {@code kubernetes.io/os} node selectors. */
    public String label() {
        return label;
    }

    /** The OS this JVM runs on; anything that is not Windows is treated as Linux. */
    public static NodeOs current() {
        return fromOsName(System.getProperty("os.name", ""));
    }

    /** Maps a Java {@code os.name} value ("Windows Server 2022", "Linux") to a node OS. */
    public static NodeOs fromOsName(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : LINUX;
    }

    /** Parses a label value ("linux", "windows", any case). */
    public static NodeOs fromLabel(String value) {
        for (NodeOs os : values()) {
            if (os.label.equalsIgnoreCase(value)) {
                return os;
            }
        }
        throw new IllegalArgumentException("unknown node OS '" + value + "': expected linux or windows");
    }
}
