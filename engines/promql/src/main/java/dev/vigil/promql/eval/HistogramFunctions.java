package dev.vigil.promql.eval;

import dev.vigil.model.Labels;
import dev.vigil.promql.parser.Call;
import dev.vigil.promql.parser.Numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** histogram_quantile over classic histograms: series with an {@code le} label are the cumulative buckets. */
final class HistogramFunctions {
    private static final String LE = "le";

    private HistogramFunctions() {
    }

    static void register(Map<String, FunctionImpl> m) {
        m.put("histogram_quantile", HistogramFunctions::histogramQuantile);
    }

    private record Bucket(double upperBound, double count) {
    }

    private static final class Group {
        final Labels output;
        final List<Integer> members = new ArrayList<>();

        Group(Labels output) {
            this.output = output;
        }
    }

    private static EvalValue histogramQuantile(Call call, Steps steps, Evaluator ev) {
        double[] q = ev.scalar(call.args().get(0), steps);
        List<StepSeries> in = ev.vector(call.args().get(1), steps).series();
        // Buckets group by every label but le (the name included), so two histograms that differ
        // only by name collide in the output and are reported as duplicates.
        Map<Labels, Group> groups = new LinkedHashMap<>();
        double[] bounds = new double[in.size()];
        for (int i = 0; i < in.size(); i++) {
            Labels l = in.get(i).labels;
            try {
                bounds[i] = Numbers.parse(l.get(LE));
            } catch (NumberFormatException e) {
                continue;
            }
            Labels key = l.toBuilder().remove(LE).build();
            final Labels labels = l;
            groups.computeIfAbsent(key, x -> new Group(labels.toBuilder().remove(LE).remove(Labels.METRIC_NAME).build()))
                    .members.add(i);
        }
        StepCollector out = new StepCollector(steps.count());
        List<Bucket> buckets = new ArrayList<>();
        for (int k = 0; k < steps.count(); k++) {
            for (Group g : groups.values()) {
                buckets.clear();
                for (int i : g.members) {
                    StepSeries s = in.get(i);
                    if (s.has[k]) {
                        buckets.add(new Bucket(bounds[i], s.v[k]));
                    }
                }
                if (!buckets.isEmpty()) {
                    out.add(g.output, k, bucketQuantile(q[k], buckets));
                }
            }
        }
        return out.result();
    }

    static double bucketQuantile(double q, List<Bucket> input) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        List<Bucket> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingDouble(Bucket::upperBound));
        if (sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        // Coalesce buckets with the same bound (e.g. "0.2" and "2e-1"), then force monotonic counts.
        double[] ub = new double[sorted.size()];
        double[] cnt = new double[sorted.size()];
        int n = 0;
        for (Bucket b : sorted) {
            if (n > 0 && ub[n - 1] == b.upperBound()) {
                cnt[n - 1] += b.count();
            } else {
                ub[n] = b.upperBound();
                cnt[n] = b.count();
                n++;
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (cnt[i] > max) {
                max = cnt[i];
            } else if (cnt[i] < max) {
                cnt[i] = max;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double observations = cnt[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && !(cnt[b] >= rank)) {
            b++;
        }
        if (b == n - 1) {
            return ub[n - 2];
        }
        if (b == 0 && ub[0] <= 0) {
            return ub[0];
        }
        double bucketStart = 0;
        double bucketEnd = ub[b];
        double count = cnt[b];
        if (b > 0) {
            bucketStart = ub[b - 1];
            count -= cnt[b - 1];
            rank -= cnt[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }
}
