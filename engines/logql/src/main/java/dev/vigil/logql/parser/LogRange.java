package dev.vigil.logql.parser;

import java.util.Optional;

/**
 * A log query read over a sliding window: {@code {app="a"} | json | unwrap x [5m] offset 1h}.
 * The window at time t is (t - offset - range, t - offset].
 */
public record LogRange(LogSelectorExpr selector, long rangeNanos, long offsetNanos, Optional<Unwrap> unwrap) {
}
