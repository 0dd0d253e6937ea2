package dev.vigil.metrics.fanout;

import dev.vigil.promql.eval.Engine;
import dev.vigil.promql.eval.EngineOptions;
import dev.vigil.promql.eval.Result;
import dev.vigil.promql.parser.ParseException;
import dev.vigil.promql.storage.TenantStorage;
import dev.vigil.promql.value.Matrix;
import dev.vigil.promql.value.Point;
import dev.vigil.promql.value.TimeSeries;
import dev.vigil.promql.value.Value;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The answers an instance gives its peers, over its LOCAL partitions only (a peer never fans
 * out again, so a query costs one hop). Plain Java, so any HTTP server can carry it.
 */
public final class InternalApi {
    public static final String SELECT = "/internal/v1/select";
    public static final String LABEL_NAMES = "/internal/v1/labels";
    public static final String LABEL_VALUES = "/internal/v1/label-values";
    public static final String EVALUATE = "/internal/v1/evaluate";

    private final Storage local;
    private final EngineOptions options;

    public InternalApi(Storage local) {
        this(local, EngineOptions.defaults());
    }

    /** {@code options}: this instance's query limits (timeout, samples), for what peers ask it to evaluate. */
    public InternalApi(Storage local, EngineOptions options) {
        this.local = local;
        this.options = options;
    }

    /**
     * A per-series function over this instance's partitions (a peer's pushdown), as a range query
     * with the asking engine's lookback delta; each series with a sample per step that has a value.
     *
     * @throws IllegalArgumentException when the body is not a request or the expression is refused
     */
    public byte[] evaluate(byte[] request) {
        EvaluateRequest r = Wire.decodeEvaluate(request);
        Storage scope = r.tenant().isEmpty() ? local : new TenantStorage(local, r.tenant());
        // the asking query's remaining budget and time, within this instance's own limits
        EngineOptions o = options.withLookbackDeltaMs(r.lookbackDeltaMs())
                .withMaxSamples(Math.min(options.maxSamples(), r.maxSamples()))
                .withTimeout(java.time.Duration.ofMillis(Math.min(options.timeout().toMillis(), r.timeoutMs())));
        Result result;
        try {
            result = new Engine(o).rangeQuery(scope, r.expr(), r.startMs(), r.endMs(), r.stepMs());
        } catch (ParseException e) {
            throw new IllegalArgumentException("cannot evaluate " + r.expr() + ": " + e.getMessage(), e);
        }
        Value v = result.value();
        List<Series> out = new ArrayList<>();
        if (v instanceof Matrix m) {
            for (TimeSeries ts : m.series()) {
                long[] t = new long[ts.points().size()];
                double[] vals = new double[t.length];
                for (int i = 0; i < t.length; i++) {
                    Point p = ts.points().get(i);
                    t[i] = p.timestampMs();
                    vals[i] = p.value();
                }
                out.add(new ArraySeries(ts.labels(), t, vals, 0));
            }
        }
        return Wire.encodeEvaluated(result.samplesLoaded(), out);
    }

    /** @throws IllegalArgumentException when the body is not a request */
    public byte[] select(byte[] request) {
        SelectRequest r = Wire.decodeRequest(request);
        return Wire.encodeSeries(local.select(r.mint(), r.maxt(), r.matchers(), r.hints()));
    }

    /** @throws IllegalArgumentException when the body is not a request */
    public byte[] labelNames(byte[] request) {
        SelectRequest r = Wire.decodeRequest(request);
        return Wire.encodeStrings(local.labelNames(r.mint(), r.maxt(), r.matchers()));
    }

    /** @throws IllegalArgumentException when the body is not a request */
    public byte[] labelValues(byte[] request) {
        SelectRequest r = Wire.decodeRequest(request);
        return Wire.encodeStrings(local.labelValues(r.labelName(), r.mint(), r.maxt(), r.matchers()));
    }
}
