package dev.vigil.system.bench;

/** The two systems compared, each with its own webhook path on the benchmark's receiver. */
enum Side {
    VIGIL("Vigil"),
    PROMETHEUS("Prometheus 2.42 + Alertmanager 0.25");

    private final String title;

    Side(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    String hookPath() {
        return "/" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
