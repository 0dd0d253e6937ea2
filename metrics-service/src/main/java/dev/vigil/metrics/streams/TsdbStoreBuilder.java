package dev.vigil.metrics.streams;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.tsdb.TsdbOptions;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;

/** Builds one {@link TsdbStateStore} per task: no changelog of its own (the input topic serves as one) and no caching. */
final class TsdbStoreBuilder implements StoreBuilder<TsdbStateStore> {
    private final String name;
    private final TsdbOptions options;
    private final LocalTsdbs registry;
    private final IngestCounters counters;

    TsdbStoreBuilder(String name, TsdbOptions options, LocalTsdbs registry, IngestCounters counters) {
        this.name = name;
        this.options = options;
        this.registry = registry;
        this.counters = counters;
    }

    @Override
    public StoreBuilder<TsdbStateStore> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<TsdbStateStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<TsdbStateStore> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the TSDB store is restored from vigil.metrics, it has no changelog of its own");
    }

    @Override
    public StoreBuilder<TsdbStateStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public TsdbStateStore build() {
        return new TsdbStateStore(name, options, registry, counters);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
