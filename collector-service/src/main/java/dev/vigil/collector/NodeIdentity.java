package dev.vigil.collector;

import dev.vigil.collector.config.ClusterDetection;
import dev.vigil.collector.config.CollectorConfig;
import dev.vigil.model.Labels;
import dev.vigil.model.NodeOs;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who this collector speaks for: the node name and OS stamped on everything it sends, and
 * whether it runs in a Kubernetes cluster.
 */
@ApplicationScoped
public class NodeIdentity {
    private final String node;
    private final NodeOs os;
    private final boolean inCluster;

    public NodeIdentity(CollectorConfig config) {
        this.os = NodeOs.current();
        this.node = config.nodeName().filter(s -> !s.isBlank())
                .or(() -> java.util.Optional.ofNullable(System.getenv("NODE_NAME")).filter(s -> !s.isBlank()))
                .orElseGet(NodeIdentity::hostName);
        this.inCluster = ClusterDetection.inCluster(config.inCluster(), os, System.getenv());
    }

    public String node() {
        return node;
    }

    public NodeOs os() {
        return os;
    }

    public boolean inCluster() {
        return inCluster;
    }

    /** The labels every series and stream of this node carries. */
    public Labels labels() {
        return Labels.of("node", node, "os", os.label());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
