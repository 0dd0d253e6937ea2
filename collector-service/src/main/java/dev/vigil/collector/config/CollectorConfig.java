package dev.vigil.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

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
     * {@code C:\var\log\pods}); {@code none} tails no container logs.
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

    /** Linux /sys root (node_exporter's {@code --path.sysfs}), for a container that mounts the host's elsewhere. */
    @WithDefault("/sys")
    String sysRoot();

    /**
     * Where the node's root file system is seen (node_exporter's {@code --path.rootfs}): file
     * system sizes are read under it, labelled with the node's own mount points. The Linux
     * DaemonSet mounts the host's / read-only at /host/root.
     */
    @WithDefault("/")
    String rootFs();

    /**
     * The {@code job} label of host series. node-mixin's rules and dashboards select
     * {@code job="node"}; kube-prometheus' select {@code job="node-exporter"}.
     */
    @WithDefault("node")
    String job();

    /** The {@code instance} label of host series; the node name when unset. */
    Optional<String> instance();

    /** node_exporter's collectors on Linux, read from /proc and /sys. */
    NodeCollectorsConfig nodeCollectors();

    /** Which names a Windows node's host metrics are published under; both by default. */
    WindowsNamesConfig windows();

    interface WindowsNamesConfig {
        /** node_exporter's names ({@code node_cpu_seconds_total}, …): one dashboard for every node. */
        @WithDefault("true")
        boolean nodeExporterNames();

        /** windows_exporter's names ({@code windows_cpu_time_total}, …): what the Windows mixins query. */
        @WithDefault("true")
        boolean windowsExporterNames();

        /** The {@code job} label of the windows_exporter-named series: what the kubernetes-mixin's Windows dashboards select. */
        @WithDefault("kubernetes-windows-exporter")
        String job();
    }

    /** Each setting is the node_exporter flag of the same name; unset means node_exporter's default. */
    interface NodeCollectorsConfig {
        /** Collectors to leave out, by node_exporter's names (e.g. {@code conntrack,textfile}); an unknown name fails startup. */
        Optional<Set<String>> disabled();

        /** {@code --collector.vmstat.fields} (RE2). */
        Optional<String> vmstatFields();

        /** {@code --collector.netstat.fields} (RE2). */
        Optional<String> netstatFields();

        /** {@code --collector.diskstats.device-exclude} (RE2). */
        Optional<String> diskstatsDeviceExclude();

        /** {@code --collector.netdev.device-include} (RE2). */
        Optional<String> netdevDeviceInclude();

        /** {@code --collector.netdev.device-exclude} (RE2). */
        Optional<String> netdevDeviceExclude();

        /** {@code --collector.textfile.directory}: its {@code *.prom} files are published with the host metrics. */
        Optional<String> textfileDirectory();

        /** {@code --collector.filesystem.mount-points-exclude} (RE2). */
        Optional<String> filesystemMountPointsExclude();

        /** {@code --collector.filesystem.fs-types-exclude} (RE2). */
        Optional<String> filesystemFsTypesExclude();

        /** {@code --collector.filesystem.mount-timeout}: a mount whose statfs takes longer is skipped until it answers. */
        @WithDefault("5s")
        Duration filesystemMountTimeout();
    }

    /** The on-disk buffer that holds batches while Kafka is unreachable. */
    SpoolConfig spool();

    /** Prometheus scraping of static targets and annotated pods on this node. */
    ScrapeConfig scrape();

    /** Container metrics from the kubelet's Summary API. */
    KubeletConfig kubelet();

    /** The node's own logs: the systemd journal on Linux, the Event Log on Windows. */
    NodeLogsConfig nodeLogs();

    /** Node checks the diagnostics service asks for over Kafka. */
    NodeChecksConfig diagnostics();

    /**
     * Whether this collector runs in a Kubernetes cluster: {@code auto} (the default) decides by
     * {@code KUBERNETES_SERVICE_HOST} or the service-account token file of the OS; {@code true}
     * or {@code false} force it (true with a kubeconfig for a collector run outside the cluster).
     */
    @WithDefault("auto")
    String inCluster();

    /** Node-check settings. */
    interface NodeChecksConfig {
        /** Whether this collector answers the diagnostics service's node-check requests. */
        @WithDefault("false")
        boolean enabled();

        /** Where the node's root file system is seen; {@code /} on Linux, {@code C:\} on Windows when unset. */
        Optional<String> hostRoot();
    }

    /** Scrape settings. */
    interface ScrapeConfig {
        /** Time between scrapes of every target. */
        @WithDefault("15s")
        Duration interval();

        /** {@code job=host:port} or {@code job=http://host:port/path}, comma-separated, e.g. {@code windows=localhost:9182}. */
        Optional<String> staticTargets();

        /** Per-target scrape timeout. */
        @WithDefault("10s")
        Duration timeout();

        /** More samples than this fail a scrape; 0 means no limit. */
        @WithDefault("0")
        int sampleLimit();

        /**
         * Largest scrape body in bytes, as sent and after gzip (Prometheus' {@code body_size_limit});
         * a larger one fails the scrape ({@code up} 0) instead of filling the collector's heap.
         */
        @WithDefault("104857600")
        long maxBodyBytes();

        /**
         * Targets scraped at the same time (Prometheus scrapes each on its own); a slow target then
         * delays only itself. Each running scrape holds a thread.
         */
        @WithDefault("4")
        int concurrency();

        /** Find annotated pods on this node through the Kubernetes API (only when in a cluster). */
        @WithDefault("true")
        boolean podDiscovery();

        /**
         * A Prometheus configuration file whose {@code scrape_configs} (static and pod-role
         * Kubernetes targets, relabel and metric relabel rules, per-job interval and timeout) are
         * scraped too, each job on its own schedule.
         */
        Optional<String> configFile();
    }

    /** Kubelet settings. */
    interface KubeletConfig {
        /** Summary API URL; defaults to {@code https://$NODE_IP (or the node name):10250/stats/summary}. Setting it turns polling on. */
        Optional<String> endpoint();

        /** Service-account token; defaults to the OS's service-account folder. */
        Optional<String> tokenPath();

        /** CA bundle for the kubelet's certificate; defaults to the OS's service-account folder. */
        Optional<String> caPath();

        /**
         * Accept any kubelet certificate. kubeadm's kubelets serve a self-signed certificate that no
         * cluster CA signs (unless serverTLSBootstrap is on); off by default, and a warning says so when on.
         */
        @WithDefault("false")
        boolean insecureSkipVerify();

        /** Time between polls. */
        @WithDefault("15s")
        Duration interval();
    }

    /** Node log settings. */
    interface NodeLogsConfig {
        /** On or off; defaults to on in a cluster and off elsewhere. */
        Optional<Boolean> enabled();

        /** A journal folder to read (the host's /var/log/journal mounted into the container) instead of the local journal. */
        Optional<String> journalDirectory();

        /** Windows Event Log channels, comma-separated. */
        @WithDefault("System,Application")
        String channels();
    }

    /** Delivery spool settings. */
    interface SpoolConfig {
        /** Largest size of the spool on disk, in bytes (256 MiB); when full, the oldest batches are dropped and counted. */
        @WithDefault("268435456")
        long maxBytes();

        /** Spool folder; defaults to {@code spool} under the state directory. */
        Optional<String> dir();
    }
}
