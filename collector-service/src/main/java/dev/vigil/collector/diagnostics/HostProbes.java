package dev.vigil.collector.diagnostics;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What node checks ask the host beyond plain files: the kubelet's health endpoint, named pipes,
 * disk space, name resolution, the Windows Event Log. Replaceable so tests run the Windows branch
 * anywhere.
 */
public interface HostProbes {
    /** Empty when {@code /healthz} answered "ok"; otherwise why not. */
    Optional<String> kubeletHealth();

    /** Whether the named pipe {@code \\.\pipe\<name>} exists. */
    boolean pipeExists(String name);

    /** Total and usable bytes of the file system holding {@code path}. */
    DiskSpace diskSpace(Path path);

    /** The addresses a name resolves to; empty when it does not resolve. */
    List<String> resolve(String host);

    /** Empty when the Windows Event Log answered a query of the System log; otherwise why not. */
    Optional<String> eventLog();

    /** Bytes of a file system. */
    record DiskSpace(long totalBytes, long usableBytes) {
    }
}
