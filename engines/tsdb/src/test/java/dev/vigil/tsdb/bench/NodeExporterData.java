package dev.vigil.tsdb.bench;

import dev.vigil.model.Labels;

import java.util.Random;

/**
 * Synthetic node_exporter scrapes: ten nodes of a thousand series each, scraped every 15 s at
 * regular timestamps, with the value shapes such a scrape has. The mix per hundred series:
 *
 * <pre>
 *  40 CONSTANT        info metrics, sizes, limits, guest/steal/nice CPU, collector success flags
 *  20 RARE_COUNTER    error/drop counters, quiet interfaces and interrupt lines: +1..20 in 5% of scrapes
 *  15 BUSY_COUNTER    bytes, packets, sectors, context switches, page faults: integer, varying rate
 *   6 CPU_SECONDS     node_cpu_seconds_total and process CPU: hundredths of a second (USER_HZ)
 *   5 PRECISE_FLOAT   scrape and GC durations (full-precision gauges), schedstat nanosecond counters
 *   8 BYTES_GAUGE     memory and filesystem bytes: random walk in 4 KiB pages
 *   4 SMALL_GAUGE     sockets, procs, file descriptors: small integers changing now and then
 *   2 DECIMAL_GAUGE   load averages, temperatures: two decimals
 * </pre>
 *
 * Values are what Prometheus would parse from the text exposition, so decimals are the nearest
 * doubles to k / 100 and k / 1e9. Deterministic for a given seed.
 */
public final class NodeExporterData {
    public static final long INTERVAL_MS = 15_000;
    public static final int SERIES_PER_NODE = 1_000;

    /** The value shapes, in the order of the mix above. */
    public enum Shape {
        CONSTANT(40), RARE_COUNTER(20), BUSY_COUNTER(15), CPU_SECONDS(6), PRECISE_FLOAT(5), BYTES_GAUGE(8),
        SMALL_GAUGE(4), DECIMAL_GAUGE(2);

        final int perHundred;

        Shape(int perHundred) {
            this.perHundred = perHundred;
        }

        static Shape of(int i) {
            int slot = i % 100;
            for (Shape s : values()) {
                if (slot < s.perHundred) {
                    return s;
                }
                slot -= s.perHundred;
            }
            throw new IllegalStateException("shares do not add up to 100");
        }
    }

    private final Labels[] labels;
    private final Shape[] shapes;
    private final long[] nodeOffsetMs;
    private final long[] state;
    private final double[] rate;
    private final Random random;

    public NodeExporterData(int series, long seed) {
        this.labels = new Labels[series];
        this.shapes = new Shape[series];
        this.nodeOffsetMs = new long[series];
        this.state = new long[series];
        this.rate = new double[series];
        this.random = new Random(seed);
        for (int i = 0; i < series; i++) {
            int node = i / SERIES_PER_NODE;
            shapes[i] = Shape.of(i);
            labels[i] = Labels.of("__name__", "node_" + shapes[i].name().toLowerCase(), "instance", "node-" + node + ":9100",
                    "job", "node-exporter", "series", Integer.toString(i % SERIES_PER_NODE));
            nodeOffsetMs[i] = node * 1_234L;
            init(i);
        }
    }

    public int size() {
        return labels.length;
    }

    public Labels labels(int i) {
        return labels[i];
    }

    public Shape shape(int i) {
        return shapes[i];
    }

    /** The timestamp of scrape {@code n} of series {@code i}, from {@code startMs}. */
    public long timestamp(int i, int n, long startMs) {
        return startMs + nodeOffsetMs[i] + n * INTERVAL_MS;
    }

    private void init(int i) {
        switch (shapes[i]) {
            case CONSTANT -> state[i] = random.nextInt(3) == 0 ? 1 : random.nextInt(2) == 0 ? 0 : (random.nextInt(1 << 20) + 1) * 4096L;
            case RARE_COUNTER -> state[i] = random.nextInt(1_000_000);
            case BUSY_COUNTER -> {
                state[i] = (long) (random.nextDouble() * 1e12);
                rate[i] = Math.exp(8 + 2 * random.nextGaussian());
            }
            case CPU_SECONDS -> {
                state[i] = (long) (random.nextDouble() * 1e9);
                rate[i] = random.nextInt(4) == 0 ? 0.9 : 0.01 + random.nextDouble() * 0.3;
            }
            case PRECISE_FLOAT -> {
                state[i] = (long) (random.nextDouble() * 1e15);
                rate[i] = random.nextDouble();
            }
            case BYTES_GAUGE -> state[i] = (250_000L + random.nextInt(25_000_000)) * 4096L;
            case SMALL_GAUGE -> state[i] = random.nextInt(500);
            case DECIMAL_GAUGE -> state[i] = random.nextInt(800);
        }
    }

    /** Advances series {@code i} by one scrape and returns the scraped value. */
    public double next(int i) {
        switch (shapes[i]) {
            case CONSTANT -> {
                return state[i];
            }
            case RARE_COUNTER -> {
                if (random.nextInt(20) == 0) {
                    state[i] += 1 + random.nextInt(20);
                }
                return state[i];
            }
            case BUSY_COUNTER -> {
                state[i] += Math.round(rate[i] * 15 * (0.7 + 0.6 * random.nextDouble()));
                return state[i];
            }
            case CPU_SECONDS -> {
                state[i] += Math.round(rate[i] * 1500 * (0.8 + 0.4 * random.nextDouble()));
                return state[i] / 100.0;
            }
            case PRECISE_FLOAT -> {
                if (i % 2 == 0) {
                    return 0.001 + random.nextDouble() * 0.05;
                }
                state[i] += Math.round(rate[i] * 15e9 * (0.8 + 0.4 * random.nextDouble()));
                return state[i] / 1e9;
            }
            case BYTES_GAUGE -> {
                if (random.nextInt(10) < 7) {
                    state[i] += (random.nextInt(2001) - 1000) * 4096L;
                }
                return state[i];
            }
            case SMALL_GAUGE -> {
                if (random.nextInt(5) == 0) {
                    state[i] = Math.max(0, state[i] + random.nextInt(7) - 3);
                }
                return state[i];
            }
            case DECIMAL_GAUGE -> {
                state[i] = Math.max(0, state[i] + random.nextInt(11) - 5);
                return state[i] / 100.0;
            }
            default -> throw new IllegalStateException();
        }
    }
}
