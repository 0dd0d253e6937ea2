package dev.vigil.collector;

import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.collector.delivery.Delivery;
import dev.vigil.collector.nodelogs.NodeLogConfig;
import dev.vigil.collector.nodelogs.NodeLogSource;
import dev.vigil.collector.nodelogs.NodeLogSources;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Reads the node's own logs (the systemd journal on Linux, the System and Application Event Log
 * channels on Windows) and publishes them to {@code vigil.logs}. On by default in a cluster, off
 * elsewhere; {@code vigil.collector.node-logs.enabled} decides either way.
 */
@ApplicationScoped
public class NodeLogsJob {
    private static final Logger LOG = Logger.getLogger(NodeLogsJob.class);

    private final CollectorConfig config;
    private final Delivery delivery;
    private final NodeIdentity id;
    private NodeLogSource source;

    public NodeLogsJob(CollectorConfig config, Delivery delivery, NodeIdentity id) {
        this.config = config;
        this.delivery = delivery;
        this.id = id;
    }

    void start(@Observes StartupEvent ev) {
        CollectorConfig.NodeLogsConfig n = config.nodeLogs();
        if (!n.enabled().orElse(id.inCluster())) {
            LOG.info("node logs are off (vigil.collector.node-logs.enabled, default: on in a cluster)");
            return;
        }
        NodeLogConfig c = NodeLogConfig.forNode(id.node(), id.os(), Path.of(config.stateDir(), "node-log-bookmarks.properties"))
                .withJournalDirectory(n.journalDirectory().filter(s -> !s.isBlank()))
                .withChannels(Arrays.stream(n.channels().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
        source = NodeLogSources.forNode(c, delivery::publishLines, Clock.systemUTC());
        source.start();
        LOG.infof("node logs of %s from %s", id.node(), source.getClass().getSimpleName());
    }

    void stop(@Observes ShutdownEvent ev) {
        if (source != null) {
            source.close();
        }
    }
}
