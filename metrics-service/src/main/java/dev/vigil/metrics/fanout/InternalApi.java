package dev.vigil.metrics.fanout;

import dev.vigil.series.Storage;

/**
 * The answers an instance gives its peers, over its LOCAL partitions only (a peer never fans
 * out again, so a query costs one hop). Plain Java, so any HTTP server can carry it.
 */
public final class InternalApi {
    public static final String SELECT = "/internal/v1/select";
    public static final String LABEL_NAMES = "/internal/v1/labels";
    public static final String LABEL_VALUES = "/internal/v1/label-values";

    private final Storage local;

    public InternalApi(Storage local) {
        this.local = local;
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
