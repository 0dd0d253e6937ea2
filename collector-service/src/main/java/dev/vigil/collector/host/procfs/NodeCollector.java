package dev.vigil.collector.host.procfs;

import java.io.IOException;

/** One of node_exporter's collectors, by its name, reading the files it reads. */
public interface NodeCollector {
    /** node_exporter's name for it, as in {@code --collector.<name>} and {@code node_scrape_collector_success}. */
    String name();

    void collect(ProcFs fs, HostMetrics out) throws IOException;
}
