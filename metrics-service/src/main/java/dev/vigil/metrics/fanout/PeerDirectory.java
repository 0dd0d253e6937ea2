package dev.vigil.metrics.fanout;

import java.util.List;

/** The other instances that hold TSDB partitions right now, as {@code host:port} of their HTTP servers. */
@FunctionalInterface
public interface PeerDirectory {
    List<String> peers();
}
