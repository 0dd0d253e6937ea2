package dev.vigil.system.bench;

/** Sleeps that turn an interrupt into an exception, so a stopped benchmark unwinds and closes its processes. */
final class Pause {
    private Pause() {
    }

    static void millis(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
