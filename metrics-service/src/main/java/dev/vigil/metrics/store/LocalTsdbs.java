package dev.vigil.metrics.store;

import dev.vigil.kafka.streams.PartitionRegistry;
import dev.vigil.kafka.streams.StoreDurability;
import dev.vigil.model.LabelMatcher;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;
import dev.vigil.tsdb.Tsdb;
import dev.vigil.tsdb.TsdbStats;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The TSDB partitions this instance owns right now (Kafka Streams assigns them), seen as one
 * {@link Storage}. Partitions hold disjoint series, so a select is the sorted union.
 */
@ApplicationScoped
public class LocalTsdbs implements Storage, PartitionRegistry<Tsdb> {
    private final Map<Integer, Tsdb> byPartition = new ConcurrentSkipListMap<>();
    private final StoreDurability durability = new StoreDurability();

    @Override
    public void register(int partition, Tsdb tsdb) {
        byPartition.put(partition, tsdb);
    }

    @Override
    public void unregister(int partition, Tsdb tsdb) {
        byPartition.remove(partition, tsdb);
    }

    @Override
    public StoreDurability durability() {
        return durability;
    }

    public List<Integer> partitions() {
        return List.copyOf(byPartition.keySet());
    }

    public List<TsdbStats> stats() {
        return byPartition.values().stream().map(Tsdb::stats).toList();
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        return select(mint, maxt, matchers, SelectHints.NONE);
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        List<Series> out = new ArrayList<>();
        for (Tsdb t : byPartition.values()) {
            out.addAll(t.select(mint, maxt, matchers, hints));
        }
        out.sort(Comparator.comparing(Series::labels));
        return out;
    }

    @Override
    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        TreeSet<String> names = new TreeSet<>();
        for (Tsdb t : byPartition.values()) {
            names.addAll(t.labelNames(mint, maxt, matchers));
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        TreeSet<String> values = new TreeSet<>();
        for (Tsdb t : byPartition.values()) {
            values.addAll(t.labelValues(name, mint, maxt, matchers));
        }
        return List.copyOf(values);
    }
}
