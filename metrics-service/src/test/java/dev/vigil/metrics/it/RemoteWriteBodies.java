package dev.vigil.metrics.it;

import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Node_exporter-shaped scrapes as the remote-write 1.0 bodies a Prometheus would send, built once
 * so that every receiver gets the same bytes and the encoding costs nothing during a run.
 *
 * <p>{@code nodes × seriesPerNode} series are scraped every 15 s; the last scrape is just before
 * {@code endMs}, so a Prometheus head accepts them all. As in Prometheus's queue manager, each
 * series belongs to one sender (shard) by a hash of its labels, and a shard packs its samples in
 * scrape order into bodies of at most {@code batchSamples} samples, one {@code TimeSeries} with its
 * full label set per sample. The value shapes follow a node_exporter mix: 40 % constant, 30 %
 * integer counters, 20 % gauges walking in 4 KiB steps, 10 % full-precision floats.
 */
final class RemoteWriteBodies {
    static final long INTERVAL_MS = 15_000;
    static final String JOB = "node";

    private static final String[] NAMES = {
        "node_cpu_seconds_total", "node_network_receive_bytes_total", "node_network_transmit_bytes_total",
        "node_network_receive_packets_total", "node_disk_read_bytes_total", "node_disk_written_bytes_total",
        "node_disk_io_time_seconds_total", "node_filesystem_avail_bytes", "node_filesystem_size_bytes",
        "node_memory_MemAvailable_bytes", "node_interrupts_total", "node_softnet_processed_total",
        "node_schedstat_running_seconds_total", "node_hwmon_temp_celsius", "node_scrape_collector_success",
        "node_scrape_collector_duration_seconds", "node_netstat_Tcp_InSegs", "node_vmstat_pgfault",
        "node_load1", "node_procs_running",
    };

    /** One request body: snappy-compressed protobuf, the samples in it, the scrapes it spans. */
    record Body(byte[] bytes, int samples, int firstScrape, int lastScrape) {
    }

    private final List<List<Body>> bySender;
    private final long samples;
    private final long bytes;

    private RemoteWriteBodies(List<List<Body>> bySender) {
        this.bySender = bySender;
        this.samples = bySender.stream().flatMap(List::stream).mapToLong(Body::samples).sum();
        this.bytes = bySender.stream().flatMap(List::stream).mapToLong(b -> b.bytes().length).sum();
    }

    static RemoteWriteBodies build(int nodes, int seriesPerNode, int scrapes, int batchSamples, int senders, long endMs, long seed) {
        return build(nodes, seriesPerNode, scrapes, batchSamples, senders, endMs, seed, JOB);
    }

    /** As above, for series of another {@code job}, which a query for {@link #JOB} does not count. */
    static RemoteWriteBodies build(int nodes, int seriesPerNode, int scrapes, int batchSamples, int senders, long endMs, long seed,
                                   String job) {
        int n = nodes * seriesPerNode;
        List<Label>[] labels = seriesLabels(nodes, seriesPerNode, job);
        int[] shard = new int[n];
        for (int i = 0; i < n; i++) {
            shard[i] = Math.floorMod(labels[i].hashCode() * 0x9E3779B9, senders);
        }
        double[] value = new double[n];
        double[] step = new double[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            value[i] = switch (i % 10) {
                case 0, 1, 2, 3 -> random.nextInt(3) == 0 ? 1 : random.nextInt(1 << 20) * 4096.0;
                case 4, 5, 6 -> random.nextInt(1_000_000_000);
                case 7, 8 -> (250_000 + random.nextInt(25_000_000)) * 4096.0;
                default -> random.nextDouble() * 1e3;
            };
            step[i] = Math.exp(4 + 2 * random.nextGaussian());
        }
        long startMs = endMs - scrapes * INTERVAL_MS;
        List<List<Body>> out = new ArrayList<>();
        WriteRequest.Builder[] open = new WriteRequest.Builder[senders];
        int[] openFirst = new int[senders];
        for (int s = 0; s < senders; s++) {
            out.add(new ArrayList<>());
        }
        for (int k = 0; k < scrapes; k++) {
            for (int i = 0; i < n; i++) {
                value[i] = next(i % 10, value[i], step[i], random);
                int s = shard[i];
                if (open[s] == null) {
                    open[s] = WriteRequest.newBuilder();
                    openFirst[s] = k;
                }
                long node = i / seriesPerNode;
                open[s].addTimeseries(TimeSeries.newBuilder().addAllLabels(labels[i])
                        .addSamples(Sample.newBuilder().setTimestamp(startMs + k * INTERVAL_MS + node * 1_234L % INTERVAL_MS).setValue(value[i])));
                if (open[s].getTimeseriesCount() == batchSamples) {
                    out.get(s).add(encode(open[s], openFirst[s], k));
                    open[s] = null;
                }
            }
        }
        for (int s = 0; s < senders; s++) {
            if (open[s] != null) {
                out.get(s).add(encode(open[s], openFirst[s], scrapes - 1));
            }
        }
        return new RemoteWriteBodies(out.stream().map(List::copyOf).toList());
    }

    /** The bodies of sender {@code s}, in the order it must send them. */
    List<Body> forSender(int s) {
        return bySender.get(s);
    }

    int senders() {
        return bySender.size();
    }

    long samples() {
        return samples;
    }

    long bytes() {
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static List<Label>[] seriesLabels(int nodes, int seriesPerNode, String job) {
        List<Label>[] out = new List[nodes * seriesPerNode];
        for (int node = 0; node < nodes; node++) {
            for (int j = 0; j < seriesPerNode; j++) {
                // Sorted by name, as Prometheus sends them. "device" is unique within a node, so the
                // series stay apart once count_over_time drops the metric name.
                out[node * seriesPerNode + j] = List.of(label("__name__", NAMES[j % NAMES.length]),
                        label("device", "dev" + j), label("instance", "node-" + node + ":9100"),
                        label("job", job));
            }
        }
        return out;
    }

    private static double next(int kind, double v, double step, Random random) {
        return switch (kind) {
            case 0, 1, 2, 3 -> v;
            case 4, 5, 6 -> v + Math.floor(step * random.nextDouble() * 2);
            case 7, 8 -> v + 4096.0 * (random.nextInt(21) - 10);
            default -> v + random.nextDouble();
        };
    }

    private static Label label(String name, String value) {
        return Label.newBuilder().setName(name).setValue(value).build();
    }

    private static Body encode(WriteRequest.Builder request, int firstScrape, int lastScrape) {
        try {
            return new Body(Snappy.compress(request.build().toByteArray()), request.getTimeseriesCount(), firstScrape, lastScrape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
