package dev.vigil.system.bench;

import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Sends one sample by Prometheus remote write 1.0 (snappy-framed protobuf {@code WriteRequest})
 * and tells when the receiver acknowledged it: Prometheus after appending to its head, Vigil's
 * metrics service after Kafka acknowledged the record.
 */
public final class RemoteWriter {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The time the 2xx answer arrived; a failed future when the receiver refused the sample. */
    CompletableFuture<Instant> send(String writeUrl, String metric, Map<String, String> labels, double value, long timestampMs) {
        return post(writeUrl, body(metric, labels, value, timestampMs));
    }

    /** Sends a ready-made remote-write body ({@link #body}, {@link #batch}); as {@link #send}. */
    CompletableFuture<Instant> post(String writeUrl, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(writeUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            Instant acked = Instant.now();
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(writeUrl + " answered " + r.statusCode() + ": " + r.body().strip());
            }
            return acked;
        });
    }

    public static byte[] body(String metric, Map<String, String> labels, double value, long timestampMs) {
        return compress(WriteRequest.newBuilder().addTimeseries(series(metric, labels, value, timestampMs)).build());
    }

    /** One request with a sample of each series ({@code labels} include {@code __name__}), all at {@code timestampMs}. */
    static byte[] batch(java.util.List<Map<String, String>> labels, double[] values, long timestampMs) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (int i = 0; i < labels.size(); i++) {
            Map<String, String> l = new TreeMap<>(labels.get(i));
            request.addTimeseries(series(l.remove("__name__"), l, values[i], timestampMs));
        }
        return compress(request.build());
    }

    private static TimeSeries.Builder series(String metric, Map<String, String> labels, double value, long timestampMs) {
        TreeMap<String, String> sorted = new TreeMap<>(labels);
        sorted.put("__name__", metric);
        TimeSeries.Builder series = TimeSeries.newBuilder();
        sorted.forEach((k, v) -> series.addLabels(Label.newBuilder().setName(k).setValue(v)));
        series.addSamples(Sample.newBuilder().setValue(value).setTimestamp(timestampMs));
        return series;
    }

    private static byte[] compress(WriteRequest request) {
        try {
            return Snappy.compress(request.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("snappy compression failed", e);
        }
    }
}
