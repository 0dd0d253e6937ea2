package dev.vigil.collector.kubelet;

/** The kubelet's stats could not be fetched or read; the message says why and what to check. */
public final class KubeletStatsException extends Exception {
    public KubeletStatsException(String message) {
        super(message);
    }

    public KubeletStatsException(String message, Throwable cause) {
        super(message, cause);
    }
}
