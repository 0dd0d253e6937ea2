package dev.vigil.collector.host;

/** Reads the machine this collector runs on. */
public interface HostSource {
    HostSnapshot read();
}
