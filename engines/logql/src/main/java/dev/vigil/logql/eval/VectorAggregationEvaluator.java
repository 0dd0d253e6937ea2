package dev.vigil.logql.eval;

import dev.vigil.logql.parser.Grouping;
import dev.vigil.logql.parser.VectorAggregationExpr;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code sum, avg, min, max, count, stddev, stdvar, topk, bottomk, sort, sort_desc}, with
 * {@code by}/{@code without}, per step, with PromQL's semantics.
 */
final class VectorAggregationEvaluator {
    private VectorAggregationEvaluator() {
    }

    static StepValues eval(VectorAggregationExpr e, StepValues inner) {
        List<List<Element>> out = new ArrayList<>(inner.steps());
        for (int k = 0; k < inner.steps(); k++) {
            out.add(aggregate(e, inner.vector(k)));
        }
        return StepValues.vectors(out);
    }

    private static List<Element> aggregate(VectorAggregationExpr e, List<Element> in) {
        switch (e.op()) {
            case "sort" -> {
                List<Element> s = new ArrayList<>(in);
                s.sort(Comparator.comparingDouble(Element::value));
                return s;
            }
            case "sort_desc" -> {
                List<Element> s = new ArrayList<>(in);
                s.sort(Comparator.comparingDouble(Element::value).reversed());
                return s;
            }
            default -> {
            }
        }
        Map<Labels, List<Element>> groups = new LinkedHashMap<>();
        for (Element el : in) {
            groups.computeIfAbsent(groupLabels(el.labels(), e.grouping()), g -> new ArrayList<>()).add(el);
        }
        if (e.op().equals("topk") || e.op().equals("bottomk")) {
            int k = (int) e.param().orElseThrow();
            boolean top = e.op().equals("topk");
            List<Element> result = new ArrayList<>();
            for (List<Element> g : groups.values()) {
                List<Element> s = new ArrayList<>(g);
                // NaN sorts last either way, as in Prometheus.
                s.sort((a, b) -> {
                    if (Double.isNaN(a.value()) || Double.isNaN(b.value())) {
                        return Boolean.compare(Double.isNaN(a.value()), Double.isNaN(b.value()));
                    }
                    return top ? Double.compare(b.value(), a.value()) : Double.compare(a.value(), b.value());
                });
                result.addAll(s.subList(0, Math.min(k, s.size())));
            }
            return result;
        }
        TreeMap<Labels, Double> sorted = new TreeMap<>();
        for (Map.Entry<Labels, List<Element>> g : groups.entrySet()) {
            sorted.put(g.getKey(), reduce(e.op(), g.getValue()));
        }
        List<Element> result = new ArrayList<>(sorted.size());
        sorted.forEach((l, v) -> result.add(new Element(l, v)));
        return result;
    }

    static Labels groupLabels(Labels l, Optional<Grouping> grouping) {
        if (grouping.isEmpty()) {
            return Labels.EMPTY;
        }
        Grouping g = grouping.get();
        if (g.without()) {
            Labels.Builder b = l.toBuilder();
            g.labels().forEach(b::remove);
            return b.build();
        }
        Labels.Builder b = Labels.builder();
        for (String n : g.labels()) {
            b.set(n, l.get(n));
        }
        return b.build();
    }

    private static double reduce(String op, List<Element> g) {
        switch (op) {
            case "sum" -> {
                double s = 0;
                for (Element e : g) {
                    s += e.value();
                }
                return s;
            }
            case "avg" -> {
                double mean = 0;
                int n = 0;
                for (Element e : g) {
                    n++;
                    mean += (e.value() - mean) / n;
                }
                return mean;
            }
            case "count" -> {
                return g.size();
            }
            case "min", "max" -> {
                double m = g.get(0).value();
                for (Element e : g) {
                    if (Double.isNaN(m) || (op.equals("max") ? e.value() > m : e.value() < m)) {
                        m = e.value();
                    }
                }
                return m;
            }
            case "stddev", "stdvar" -> {
                double mean = 0;
                double aux = 0;
                int n = 0;
                for (Element e : g) {
                    n++;
                    double delta = e.value() - mean;
                    mean += delta / n;
                    aux += delta * (e.value() - mean);
                }
                double var = aux / n;
                return op.equals("stddev") ? Math.sqrt(var) : var;
            }
            default -> throw new IllegalStateException("unknown aggregation " + op);
        }
    }
}
