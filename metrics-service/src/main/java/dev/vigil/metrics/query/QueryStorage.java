package dev.vigil.metrics.query;

import dev.vigil.auth.ServiceCredential;
import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.fanout.FanoutStorage;
import dev.vigil.metrics.fanout.PeerClient;
import dev.vigil.metrics.fanout.StreamsPeers;
import dev.vigil.metrics.store.LocalTsdbs;
import dev.vigil.metrics.streams.TopologyProducer;
import dev.vigil.model.LabelMatcher;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.streams.KafkaStreams;

import java.util.List;

/**
 * What queries read: every series of the cluster, i.e. this instance's partitions plus those
 * every other instance of the Kafka Streams application owns (found in Streams' metadata).
 */
@ApplicationScoped
public class QueryStorage implements Storage {
    private final FanoutStorage all;

    public QueryStorage(LocalTsdbs local, Instance<KafkaStreams> streams, MetricsConfig config, ServiceCredential credential) {
        // Streams is created at startup, after this bean may be; look it up when a query needs it.
        this.all = new FanoutStorage(local,
                () -> new StreamsPeers(streams.get(), TopologyProducer.STORE, local::partitions).peers(),
                new PeerClient(config.fanout().timeout(), credential), config.fanout().pushdown());
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        return all.select(mint, maxt, matchers);
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        return all.select(mint, maxt, matchers, hints);
    }

    @Override
    public java.util.Optional<dev.vigil.series.Partitions> partitioning() {
        return all.partitioning();
    }

    @Override
    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        return all.labelNames(mint, maxt, matchers);
    }

    @Override
    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        return all.labelValues(name, mint, maxt, matchers);
    }
}
