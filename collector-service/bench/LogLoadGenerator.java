import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Load for the collector footprint benchmark: appends {@code rate} lines per second to a file for
 * {@code seconds}, in ten bursts a second, flushed after each burst so the tailer sees a steady
 * stream. Run: {@code java LogLoadGenerator.java <file> <rate> <seconds>}.
 */
public class LogLoadGenerator {
    public static void main(String[] args) throws IOException, InterruptedException {
        Path file = Path.of(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int perTick = Math.max(1, rate / 10);
        long start = System.nanoTime();
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int tick = 0; tick < seconds * 10; tick++) {
                for (int i = 0; i < perTick; i++) {
                    out.write(Instant.now() + " level=info msg=\"request served\" path=/api/v1/items status=200 seq=" + written++);
                    out.newLine();
                }
                out.flush();
                long next = start + (tick + 1) * 100_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        System.out.println("wrote " + written + " lines in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
