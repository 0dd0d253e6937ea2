package dev.vigil.system.bench;

/**
 * The systems compared, each with its own webhook path on the benchmark's receiver: Vigil's alert
 * service with streaming evaluation (the default) and with it turned off (every rule on the
 * timer), both reading the same metrics service, and Prometheus with Alertmanager.
 */
enum Side {
    VIGIL_STREAMING("Vigil, streaming evaluation"),
    VIGIL_TIMER("Vigil, timer evaluation"),
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
