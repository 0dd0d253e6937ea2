package dev.vigil.kafka.streams;

import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;

/** Builds one {@link ReplayedStore} per task: no changelog of its own (the input topic serves as one) and no caching. */
final class ReplayedStoreBuilder<S extends PartitionStore> implements StoreBuilder<ReplayedStore<S>> {
    private final String name;
    private final String topic;
    private final ReplayedStore.Opener<S> opener;
    private final ReplayedStore.Registry<S> registry;

    ReplayedStoreBuilder(String name, String topic, ReplayedStore.Opener<S> opener, ReplayedStore.Registry<S> registry) {
        this.name = name;
        this.topic = topic;
        this.opener = opener;
        this.registry = registry;
    }

    @Override
    public StoreBuilder<ReplayedStore<S>> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<ReplayedStore<S>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<ReplayedStore<S>> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the " + name + " store is restored from " + topic + ", it has no changelog of its own");
    }

    @Override
    public StoreBuilder<ReplayedStore<S>> withLoggingDisabled() {
        return this;
    }

    @Override
    public ReplayedStore<S> build() {
        return new ReplayedStore<>(name, opener, registry);
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
