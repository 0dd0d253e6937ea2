package dev.vigil.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The packaged services a system test starts, each with the settings all share and its own; stopped in reverse order. */
public final class Services implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> common;
    private final List<ServiceProcess> started = new ArrayList<>();

    /** @param common settings every service gets (Kafka, authentication, data folder) */
    public Services(Path dir, Map<String, String> common) {
        this.dir = dir;
        this.common = Map.copyOf(common);
    }

    public ServiceProcess start(String module, Map<String, String> own) {
        Map<String, String> props = new HashMap<>(common);
        props.putAll(own);
        ServiceProcess p = ServiceProcess.start(module, dir, props);
        started.add(p);
        return p;
    }

    /** Waits until every started service is live. */
    public void awaitLive(Duration timeout) {
        started.forEach(s -> s.awaitLive(timeout));
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
