package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Linux pseudo file systems the node collectors read, each under a configurable root as
 * node_exporter's {@code --path.procfs}, {@code --path.sysfs} and {@code --path.rootfs}: inside a
 * container the host's are mounted elsewhere, and tests point them at a fixture tree.
 */
public record ProcFs(Path proc, Path sys, Path root, int pageSize) {
    /** The running system's, with its page size. */
    public static ProcFs of(Path proc, Path sys, Path root) {
        return new ProcFs(proc, sys, root, PageSize.get());
    }

    public Path proc(String relative) {
        return proc.resolve(relative);
    }

    public Path sys(String relative) {
        return sys.resolve(relative);
    }

    /** Lines of a file under /proc. */
    public List<String> procLines(String relative) throws IOException {
        return Files.readAllLines(proc(relative), StandardCharsets.UTF_8);
    }

    /** A file under /proc holding one value, trimmed. */
    public String procValue(String relative) throws IOException {
        return read(proc(relative)).trim();
    }

    /**
     * A whole pseudo file. Not {@code Files.readString}: it sizes its read by the file's length,
     * which /proc/sys files give as 0, and returns only the first bytes the kernel hands over.
     */
    public static String read(Path file) throws IOException {
        return String.join("\n", Files.readAllLines(file, StandardCharsets.UTF_8));
    }
}
