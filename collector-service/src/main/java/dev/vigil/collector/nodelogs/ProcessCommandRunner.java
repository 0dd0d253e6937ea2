package dev.vigil.collector.nodelogs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands as child processes, killing one that outlives the timeout. */
public final class ProcessCommandRunner implements CommandRunner {
    private static final int MAX_STDERR = 4096;
    private final Duration timeout;

    public ProcessCommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Result run(List<String> command, OutputReader reader) throws IOException {
        Path err = Files.createTempFile("vigil-cmd", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try {
            p.getOutputStream().close();
            try (InputStream out = p.getInputStream()) {
                reader.read(out);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not exit within " + timeout.toMillis() + "ms");
            }
            byte[] bytes = Files.readAllBytes(err);
            String stderr = new String(bytes, 0, Math.min(bytes.length, MAX_STDERR), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), stderr.trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(err);
        }
    }
}
