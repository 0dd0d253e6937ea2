package dev.vigil.diagnostics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the diagnostics service. */
@ConfigMapping(prefix = "vigil.diagnostics")
public interface DiagnosticsConfig {
    /** Namespace where plugin Jobs and DaemonSets are created. */
    @WithDefault("vigil")
    String namespace();

    /** How long a plugin may run before its run is marked failed. */
    @WithDefault("30m")
    Duration pluginTimeout();
}
