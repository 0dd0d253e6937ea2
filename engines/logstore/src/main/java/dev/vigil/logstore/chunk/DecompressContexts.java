package dev.vigil.logstore.chunk;

import com.github.luben.zstd.ZstdDecompressCtx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Zstd decompression contexts shared by every thread that decodes chunks. Creating a context for
 * each chunk cost some 15% of a scan; keeping one per thread would leak native memory whenever a
 * scan worker exits, since contexts are freed only by {@code close()}. So contexts are borrowed
 * from a process-wide pool that keeps at most {@link #MAX_IDLE} and closes the rest.
 */
final class DecompressContexts {
    private static final int MAX_IDLE = 2 * Runtime.getRuntime().availableProcessors();
    private static final ConcurrentLinkedQueue<ZstdDecompressCtx> IDLE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

    private DecompressContexts() {
    }

    static ZstdDecompressCtx borrow() {
        ZstdDecompressCtx ctx = IDLE.poll();
        if (ctx == null) {
            return new ZstdDecompressCtx();
        }
        IDLE_COUNT.decrementAndGet();
        return ctx;
    }

    static void giveBack(ZstdDecompressCtx ctx) {
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
            IDLE.offer(ctx);
        } else {
            IDLE_COUNT.decrementAndGet();
            ctx.close();
        }
    }
}
