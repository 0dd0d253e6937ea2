package dev.vigil.diagnostics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Settings of the diagnostics service. */
@ConfigMapping(prefix = "vigil.diagnostics")
public interface DiagnosticsConfig {
    /** Namespace where plugin Jobs and DaemonSets are created. */
    @WithDefault("vigil")
    String namespace();

    /** How long a plugin may run before the nodes that did not report are marked failed. */
    @WithDefault("30m")
    Duration pluginTimeout();

    /** How long collectors have to answer a node-check request. */
    @WithDefault("2m")
    Duration nodeCheckTimeout();

    /** A node whose collector reported longer ago than this counts as without a collector. */
    @WithDefault("10m")
    Duration collectorMaxAge();

    /** Node checks requested when a run names none; collectors answer SKIPPED for those not of their OS. */
    @WithDefault("kubelet-health,runtime-endpoint,pod-log-root,disk-free,clock-offset,dns,node-log-source,hostprocess")
    List<String> nodeChecks();

    /** Where run result files live (the archive layout); run state itself is in the runs topic. */
    @WithDefault("data/diagnostics")
    String dataDir();

    /** Base URL plugin workers upload results to, as reachable from inside the cluster. */
    @WithDefault("http://vigil-diagnostics.vigil.svc:9104")
    String uploadUrl();

    /** Worker sidecar images that wait for a plugin's done file and upload its results. */
    Worker worker();

    /**
     * Plugins (by {@code plugin-name}) an operator allows to run with privileges: privileged or
     * HostProcess containers, host namespaces, hostPath volumes. Every other plugin asking for any
     * of them is refused with 403 (see {@code PodPolicy}).
     */
    Optional<Set<String>> approvedPrivilegedPlugins();

    /**
     * Whether results archives leave out environment variable values, Secret references and the
     * last-applied-configuration annotation of the cluster's objects (Sonobuoy keeps them).
     */
    @WithDefault("true")
    boolean redactArchives();

    /**
     * Whether a run reads each node's kubelet configuration and health into the archive's
     * {@code hosts/<node>/} (Sonobuoy does). Needs {@code get} on {@code nodes/proxy}, which reaches
     * the whole kubelet API, hence off unless the operator grants it
     * ({@code deploy/k8s/components/diagnostics-host-config}).
     */
    @WithDefault("false")
    boolean hostConfig();

    /** The logs of a run's plugin pods, kept in the archive's {@code podlogs/} as Sonobuoy keeps its own. */
    PodLogs podLogs();

    interface PodLogs {
        @WithDefault("true")
        boolean enabled();

        /** At most this many bytes of each container's log (the first ones, as the API's limitBytes gives). */
        @WithDefault("10485760")
        int limitBytes();
    }

    /** Whether runs are persisted to and node checks exchanged over Kafka. */
    @WithDefault("true")
    boolean kafkaEnabled();

    /** Where the image-platform lint asks registries which platforms an image has. */
    Registry registry();

    interface Registry {
        /** Whether runs ask registries at all; off, the lint judges no image. */
        @WithDefault("true")
        boolean enabled();

        /** Per registry request; an image whose registry does not answer in time is not judged. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * A Docker config file ({@code .dockerconfigjson}, e.g. a mounted pull Secret) with the
         * credentials for private registries; each is sent only to its own registry and the token
         * service that registry names.
         */
        Optional<String> authFile();

        /** Registries (host:port) asked over plain HTTP, e.g. a local mirror. Every other one over HTTPS. */
        Optional<Set<String>> plainHttp();
    }

    /** Per-OS worker images. */
    interface Worker {
        @WithDefault("ghcr.io/vigil/diagnostics-worker:0.1.0")
        String linuxImage();

        /** The Windows worker image for nodes of a build not listed in {@link #windowsBuildImages()}. */
        @WithDefault("ghcr.io/vigil/diagnostics-worker:0.1.0-windows-ltsc2022")
        String windowsImage();

        /**
         * The Windows worker image per Windows build ({@code build=image}): a process-isolated
         * container must match its node's build, so a 2019 node gets the ltsc2019 worker.
         */
        @WithDefault("10.0.17763=ghcr.io/vigil/diagnostics-worker:0.1.0-windows-ltsc2019,"
                + "10.0.20348=ghcr.io/vigil/diagnostics-worker:0.1.0-windows-ltsc2022")
        List<String> windowsBuildImages();
    }
}
