package dev.vigil.alert.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The exit code and output (stdout and stderr together) of a command run to completion. */
record CommandResult(int exitCode, String output) {
    /** Runs {@code command} with a 30 s limit. */
    static CommandResult run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 30 s");
            }
            return new CommandResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @throws AssertionError with the output when the command failed */
    CommandResult assertSuccess(List<String> command) {
        if (exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
        }
        return this;
    }
}
