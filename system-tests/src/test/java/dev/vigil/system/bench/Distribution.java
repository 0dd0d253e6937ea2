package dev.vigil.system.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Order statistics of a set of latencies in milliseconds; percentiles by nearest rank. */
record Distribution(int n, double min, double median, double p90, double p99, double max, double mean) {

    static Distribution of(List<Double> values) {
        if (values.isEmpty()) {
            return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return new Distribution(sorted.size(), sorted.get(0), rank(sorted, 0.5), rank(sorted, 0.9), rank(sorted, 0.99),
                sorted.get(sorted.size() - 1), sum / sorted.size());
    }

    private static double rank(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** One Markdown table row: {@code | label | n | min | median | p90 | p99 | max | mean |}. */
    String row(String label) {
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |", label, n, min, median, p90, p99, max, mean);
    }

    static String header(String what) {
        return "| " + what + " | N | min ms | median ms | p90 ms | p99 ms | max ms | mean ms |\n|---|---|---|---|---|---|---|---|";
    }
}
