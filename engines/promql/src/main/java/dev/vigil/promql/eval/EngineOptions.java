package dev.vigil.promql.eval;

import java.time.Duration;

/**
 * Engine settings: how far back an instant selector looks for a sample (5m), the step of a subquery
 * written without one (1m), the most samples one query may load (50M), and the query timeout (2m).
 */
public record EngineOptions(long lookbackDeltaMs, long defaultSubqueryStepMs, long maxSamples, Duration timeout) {
    public EngineOptions {
        if (lookbackDeltaMs <= 0 || defaultSubqueryStepMs <= 0 || maxSamples <= 0) {
            throw new IllegalArgumentException("lookback delta, subquery step and max samples must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public static EngineOptions defaults() {
        return new EngineOptions(300_000, 60_000, 50_000_000, Duration.ofMinutes(2));
    }

    public EngineOptions withLookbackDeltaMs(long ms) {
        return new EngineOptions(ms, defaultSubqueryStepMs, maxSamples, timeout);
    }

    public EngineOptions withDefaultSubqueryStepMs(long ms) {
        return new EngineOptions(lookbackDeltaMs, ms, maxSamples, timeout);
    }

    public EngineOptions withMaxSamples(long n) {
        return new EngineOptions(lookbackDeltaMs, defaultSubqueryStepMs, n, timeout);
    }

    public EngineOptions withTimeout(Duration d) {
        return new EngineOptions(lookbackDeltaMs, defaultSubqueryStepMs, maxSamples, d);
    }
}
