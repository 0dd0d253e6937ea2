package dev.vigil.collector.nodelogs;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Runs a query command and streams its standard output to a reader; replaceable so tests feed
 * recorded output.
 */
@FunctionalInterface
public interface CommandRunner {
    /** Consumes a command's standard output. */
    @FunctionalInterface
    interface OutputReader {
        void read(InputStream stdout) throws IOException;
    }

    /** How the command ended; {@code stderr} is its error output, cut to a few KiB. */
    record Result(int exitCode, String stderr) {
    }

    /** Runs {@code command}, hands its output to {@code reader}, and waits for it to exit. */
    Result run(List<String> command, OutputReader reader) throws IOException;
}
