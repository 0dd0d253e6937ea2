package dev.vigil.collector.delivery;

import dev.vigil.model.Labels;
import dev.vigil.model.LogCodec;
import dev.vigil.model.LogStream;
import dev.vigil.model.MetricCodec;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Topics;
import dev.vigil.kafka.client.BatchPublisher;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@link Delivery} needs to know about one kind of batch: its topic, how an item's labels
 * choose its partition, how a batch is encoded for the spool and decoded back, and how it is
 * published.
 */
record BatchKind<T>(String topic, Function<T, Labels> labels, Function<List<T>, byte[]> encode,
                    Function<byte[], List<T>> decode, BiFunction<BatchPublisher, List<T>, CompletableFuture<Void>> publish) {

    static final BatchKind<MetricSeries> METRICS = new BatchKind<>(Topics.METRICS, MetricSeries::labels, MetricCodec::encode,
            MetricCodec::decode, BatchPublisher::publishMetrics);
    static final BatchKind<LogStream> LOGS = new BatchKind<>(Topics.LOGS, LogStream::labels, LogCodec::encode,
            LogCodec::decode, BatchPublisher::publishLogs);
}
