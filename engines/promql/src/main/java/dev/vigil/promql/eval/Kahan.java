package dev.vigil.promql.eval;

/** Kahan-Babuska compensated summation over a {sum, compensation} pair, as Prometheus uses. */
final class Kahan {
    private Kahan() {
    }

    static void add(double[] acc, double inc) {
        double sum = acc[0];
        double t = sum + inc;
        if (Math.abs(sum) >= Math.abs(inc)) {
            acc[1] += (sum - t) + inc;
        } else {
            acc[1] += (inc - t) + sum;
        }
        acc[0] = t;
    }

    static double value(double[] acc) {
        return acc[0] + acc[1];
    }
}
