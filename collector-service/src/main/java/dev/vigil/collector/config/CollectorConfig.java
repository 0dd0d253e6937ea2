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

    /** The on-disk buffer that holds batches while Kafka is unreachable. */
    SpoolConfig spool();

    /** Delivery spool settings. */
    interface SpoolConfig {
        /** Largest size of the spool on disk, in bytes (256 MiB); when full, the oldest batches are dropped and counted. */
        @WithDefault("268435456")
        long maxBytes();

        /** Spool folder; defaults to {@code spool} under the state directory. */
        Optional<String> dir();
    }
}
