package dev.vigil.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The collector's one configuration, the same on Linux and Windows nodes: every OS-specific
 * setting is optional and defaults to what the running OS needs.
 */
@ConfigMapping(prefix = "vigil.collector")
public interface CollectorConfig {
    /** Node name for the {@code node} label; defaults to $NODE_NAME, then the host name. */
    Optional<String> nodeName();

    /** How often host metrics are read. */
    @WithDefault("15s")
    Duration interval();

    /** Host metrics on or off (off in tests that publish their own data). */
    @WithDefault("true")
    boolean hostMetrics();

    /** Log files to tail (comma-separated), besides container logs. */
    Optional<String> logFiles();

    /**
     * Pod log root to discover container logs under; defaults to the OS's ({@code /var/log/pods} or
     * {@code C:\var\log\pods}); set it empty to tail no container logs.
     */
    Optional<String> podLogRoot();

    /** Where read positions and the delivery spool live. */
    @WithDefault("data/collector")
    String stateDir();

    /** Linux /proc and /etc roots, overridable for tests and for containers that mount the host's. */
    @WithDefault("/proc")
    String procRoot();

    @WithDefault("/etc")
    String etcRoot();
}
