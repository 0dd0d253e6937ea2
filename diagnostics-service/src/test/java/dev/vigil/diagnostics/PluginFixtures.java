package dev.vigil.diagnostics;

/** Plugin definitions the tests run: Sonobuoy's format, with and without Vigil's per-OS images. */
public final class PluginFixtures {
    private PluginFixtures() {
    }

    public static final String SMOKE_PLUGIN = """
            sonobuoy-config:
              driver: DaemonSet
              plugin-name: smoke
              result-format: junit
            spec:
              name: smoke
              image: registry.example/smoke:1.0
              command: ["/run.sh"]
            vigil-config:
              images:
                linux: registry.example/smoke:1.0
                windows: registry.example/smoke:1.0-windows-ltsc2022
            """;
    public static final String SLOW_JOB_PLUGIN = """
            sonobuoy-config:
              driver: Job
              plugin-name: slow
              result-format: junit
            spec:
              name: slow
              image: registry.example/slow:1.0
            """;
}
