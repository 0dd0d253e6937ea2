package dev.vigil.kafka.streams;

import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;

/** Builds one {@link ReplayedStore} per task: no changelog of its own (the input topic serves as one) and no caching. */
final class ReplayedStoreBuilder<E> implements StoreBuilder<ReplayedStore<E>> {
    private final String name;
    private final String topic;
    private final ReplayedStore.Opener<E> opener;
    private final PartitionRegistry<E> registry;

    ReplayedStoreBuilder(String name, String topic, ReplayedStore.Opener<E> opener, PartitionRegistry<E> registry) {
        this.name = name;
        this.topic = topic;
        this.opener = opener;
        this.registry = registry;
    }

    @Override
    public StoreBuilder<ReplayedStore<E>> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<ReplayedStore<E>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<ReplayedStore<E>> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the " + name + " store is restored from " + topic + ", it has no changelog of its own");
    }

    @Override
    public StoreBuilder<ReplayedStore<E>> withLoggingDisabled() {
        return this;
    }

    @Override
    public ReplayedStore<E> build() {
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
