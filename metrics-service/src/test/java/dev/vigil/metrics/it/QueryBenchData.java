package dev.vigil.metrics.it;

import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.Sample;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Realistic query data: the 3,027 series node_exporter prints for its fixture tree
 * ({@code bench/node-exporter-e2e-output.txt}), per node, plus a request-duration histogram
 * (10 handlers × 10 buckets, {@code _sum}, {@code _count}), scraped every 15 s over a span that
 * ends now. Counters rise by a per-series rate from their file value, gauges walk around theirs,
 * untyped and 0/1 series stay put, histograms get cumulative bucket counts from log-normal
 * latencies. Values come from seeded generators per sender, so every receiver gets the same
 * samples, built while they are sent (7 days of it does not fit in memory as request bodies).
 */
final class QueryBenchData {
    static final long INTERVAL_MS = 15_000;
    static final String JOB = "node";
    private static final double[] LE = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, Double.POSITIVE_INFINITY};

    /** One series: its labels (sorted by name, as Prometheus sends them), kind and start value. */
    private record Series(List<Label> labels, char kind, double start, double rate) {
    }

    /** The series of one histogram: buckets in {@link #LE} order, then sum and count. */
    private record Histogram(List<List<Label>> series) {
    }

    private final List<List<Series>> seriesBySender;
    private final List<List<Histogram>> histogramsBySender;
    private final int scrapes;
    private final long startMs;
    private final long seriesCount;

    private QueryBenchData(List<List<Series>> series, List<List<Histogram>> histograms, int scrapes, long startMs) {
        this.seriesBySender = series;
        this.histogramsBySender = histograms;
        this.scrapes = scrapes;
        this.startMs = startMs;
        this.seriesCount = series.stream().mapToLong(List::size).sum()
                + histograms.stream().mapToLong(l -> l.size() * (LE.length + 2L)).sum();
    }

    /** {@code nodes} copies of the template ({@code instance="node-N:9100"}), {@code hours} of scrapes ending at {@code endMs}. */
    static QueryBenchData build(int nodes, double hours, int senders, long endMs) {
        List<String[]> template = template();
        List<List<Series>> series = new ArrayList<>();
        List<List<Histogram>> histograms = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            series.add(new ArrayList<>());
            histograms.add(new ArrayList<>());
        }
        Random random = new Random(42);
        for (int node = 0; node < nodes; node++) {
            String instance = "node-" + node + ":9100";
            for (String[] t : template) {
                Map<String, String> labels = parseLabels(t[1]);
                labels.put("__name__", t[0]);
                labels.put("instance", instance);
                labels.put("job", JOB);
                double start = Double.parseDouble(t[2]);
                char kind = t[3].charAt(0);
                double rate = kind == 'c' ? Math.max(1, Math.abs(start) * 1e-6) * Math.exp(random.nextGaussian()) : 0;
                List<Label> l = sorted(labels);
                series.get(Math.floorMod(l.hashCode() * 0x9E3779B9, senders)).add(new Series(l, kind, start, rate));
            }
            for (int h = 0; h < 10; h++) {
                List<List<Label>> hs = new ArrayList<>();
                String base = "prometheus_http_request_duration_seconds";
                for (double le : LE) {
                    hs.add(sorted(Map.of("__name__", base + "_bucket", "handler", "/api/v1/h" + h, "instance", instance, "job", JOB,
                            "le", le == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(le))));
                }
                hs.add(sorted(Map.of("__name__", base + "_sum", "handler", "/api/v1/h" + h, "instance", instance, "job", JOB)));
                hs.add(sorted(Map.of("__name__", base + "_count", "handler", "/api/v1/h" + h, "instance", instance, "job", JOB)));
                histograms.get(Math.floorMod(hs.get(0).hashCode(), senders)).add(new Histogram(hs));
            }
        }
        int scrapes = (int) Math.round(hours * 3600_000 / INTERVAL_MS);
        return new QueryBenchData(series, histograms, scrapes, endMs - scrapes * INTERVAL_MS);
    }

    long series() {
        return seriesCount;
    }

    long samples() {
        return seriesCount * scrapes;
    }

    int scrapes() {
        return scrapes;
    }

    long startMs() {
        return startMs;
    }

    long endMs() {
        return startMs + scrapes * INTERVAL_MS;
    }

    int senders() {
        return seriesBySender.size();
    }

    /**
     * Builds sender {@code s}'s request bodies in scrape order, each of at most {@code batch}
     * samples, and hands each to {@code send} with the last scrape it holds (before the next is built).
     */
    void bodies(int s, int batch, BodySink send) throws InterruptedException {
        List<Series> mine = seriesBySender.get(s);
        List<Histogram> hists = histogramsBySender.get(s);
        double[] value = new double[mine.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = mine.get(i).start();
        }
        double[][] hvalue = new double[hists.size()][LE.length + 2];
        Random random = new Random(1000 + s);
        WriteRequest.Builder open = WriteRequest.newBuilder();
        for (int k = 0; k < scrapes; k++) {
            long ts = startMs + k * INTERVAL_MS;
            for (int i = 0; i < value.length; i++) {
                Series ser = mine.get(i);
                value[i] = next(ser, value[i], random);
                open.addTimeseries(TimeSeries.newBuilder().addAllLabels(ser.labels()).addSamples(Sample.newBuilder().setTimestamp(ts).setValue(value[i])));
                if (open.getTimeseriesCount() == batch) {
                    send.accept(encode(open), k);
                    open = WriteRequest.newBuilder();
                }
            }
            for (int h = 0; h < hists.size(); h++) {
                observe(hvalue[h], random);
                List<List<Label>> labels = hists.get(h).series();
                for (int b = 0; b < labels.size(); b++) {
                    open.addTimeseries(TimeSeries.newBuilder().addAllLabels(labels.get(b))
                            .addSamples(Sample.newBuilder().setTimestamp(ts).setValue(hvalue[h][b])));
                    if (open.getTimeseriesCount() == batch) {
                        send.accept(encode(open), k);
                        open = WriteRequest.newBuilder();
                    }
                }
            }
        }
        if (open.getTimeseriesCount() > 0) {
            send.accept(encode(open), scrapes - 1);
        }
    }

    /** Receives one body. */
    interface BodySink {
        void accept(byte[] body, int lastScrape) throws InterruptedException;
    }

    private static double next(Series s, double v, Random random) {
        switch (s.kind()) {
            case 'c':
                return v + Math.floor(s.rate() * 15 * random.nextDouble() * 2 * 1000) / 1000;
            case 'g':
                if (v == 0 || v == 1) {
                    return v; // states and flags
                }
                return v + Math.abs(v) * 0.001 * random.nextGaussian();
            default:
                return v;
        }
    }

    /** A scrape interval's requests: cumulative buckets, sum and count. */
    private static void observe(double[] h, Random random) {
        int n = 5 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            double latency = Math.exp(-4 + 1.5 * random.nextGaussian());
            for (int b = 0; b < LE.length; b++) {
                if (latency <= LE[b]) {
                    h[b]++;
                }
            }
            h[LE.length] += latency;
        }
        h[LE.length + 1] += n;
    }

    private static byte[] encode(WriteRequest.Builder request) {
        try {
            return Snappy.compress(request.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Label> sorted(Map<String, String> labels) {
        List<Label> out = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> out.add(Label.newBuilder().setName(k).setValue(v).build()));
        return out;
    }

    /** name, label text, value, kind (c counter, g gauge, u untyped) of each template line. */
    private static List<String[]> template() {
        String text;
        try (InputStream in = QueryBenchData.class.getResourceAsStream("/bench/node-exporter-e2e-output.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Character> types = new HashMap<>();
        List<String[]> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                types.put(p[2], p[3].startsWith("counter") ? 'c' : p[3].startsWith("gauge") ? 'g' : 'u');
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            String labels = brace > 0 && brace < space ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            String value = line.substring(space + 1);
            if (value.equals("NaN") || value.contains("Inf")) {
                continue;
            }
            out.add(new String[] {name, labels, value, String.valueOf(types.getOrDefault(family(name, types), 'u'))});
        }
        return out;
    }

    private static String family(String name, Map<String, Character> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_total")) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** The text between the braces, as a map; values unescaped. */
    private static Map<String, String> parseLabels(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            String name = text.substring(i, eq).trim();
            StringBuilder v = new StringBuilder();
            int j = eq + 2; // past ="
            while (text.charAt(j) != '"') {
                char c = text.charAt(j);
                if (c == '\\') {
                    char n = text.charAt(++j);
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
                j++;
            }
            out.put(name, v.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return out;
    }
}
