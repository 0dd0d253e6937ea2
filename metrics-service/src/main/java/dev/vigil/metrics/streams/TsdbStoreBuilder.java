package dev.vigil.metrics.streams;

import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.tsdb.TsdbOptions;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;

/** Builds one {@link TsdbStateStore} per task; changelog and caching are always off. */
final class TsdbStoreBuilder implements StoreBuilder<TsdbStateStore> {
    private final String name;
    private final TsdbOptions options;
    private final LocalTsdbs registry;

    TsdbStoreBuilder(String name, TsdbOptions options, LocalTsdbs registry) {
        this.name = name;
        this.options = options;
        this.registry = registry;
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
        throw new UnsupportedOperationException("the TSDB store is rebuilt from vigil.metrics, it has no changelog");
    }

    @Override
    public StoreBuilder<TsdbStateStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public TsdbStateStore build() {
        return new TsdbStateStore(name, options, registry);
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
