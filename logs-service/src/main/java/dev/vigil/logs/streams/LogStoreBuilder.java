package dev.vigil.logs.streams;

import dev.vigil.logs.store.LocalLogStores;
import dev.vigil.logstore.LogStoreOptions;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;

/** Builds one {@link LogStoreStateStore} per task: no changelog of its own (the input topic serves as one) and no caching. */
final class LogStoreBuilder implements StoreBuilder<LogStoreStateStore> {
    private final String name;
    private final LogStoreOptions options;
    private final LocalLogStores registry;
    private final LogIngestCounters counters;

    LogStoreBuilder(String name, LogStoreOptions options, LocalLogStores registry, LogIngestCounters counters) {
        this.name = name;
        this.options = options;
        this.registry = registry;
        this.counters = counters;
    }

    @Override
    public StoreBuilder<LogStoreStateStore> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<LogStoreStateStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<LogStoreStateStore> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the log store is restored from vigil.logs, it has no changelog of its own");
    }

    @Override
    public StoreBuilder<LogStoreStateStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public LogStoreStateStore build() {
        return new LogStoreStateStore(name, options, registry, counters);
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
