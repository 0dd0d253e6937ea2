package dev.vigil.logql.eval;

import dev.vigil.logql.LogqlException;
import dev.vigil.logql.parser.BinaryOpExpr;
import dev.vigil.logql.parser.VectorMatching;
import dev.vigil.logql.parser.VectorMatching.Cardinality;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arithmetic, comparison and set operators between scalars and vectors, with PromQL's vector
 * matching ({@code on}, {@code ignoring}, {@code group_left}, {@code group_right}) and
 * {@code bool}.
 */
final class BinaryOpEvaluator {
    private BinaryOpEvaluator() {
    }

    static StepValues eval(BinaryOpExpr e, StepValues lhs, StepValues rhs) {
        int steps = lhs.steps();
        if (lhs.isScalar() && rhs.isScalar()) {
            double[] out = new double[steps];
            for (int k = 0; k < steps; k++) {
                double v = apply(e.op(), lhs.scalar(k), rhs.scalar(k));
                out[k] = e.isComparison() ? (truth(e.op(), lhs.scalar(k), rhs.scalar(k)) ? 1 : 0) : v;
            }
            return StepValues.scalar(out);
        }
        List<List<Element>> out = new ArrayList<>(steps);
        for (int k = 0; k < steps; k++) {
            if (lhs.isScalar()) {
                out.add(vectorScalar(e, rhs.vector(k), lhs.scalar(k), true));
            } else if (rhs.isScalar()) {
                out.add(vectorScalar(e, lhs.vector(k), rhs.scalar(k), false));
            } else if (e.isSetOperator()) {
                out.add(setOp(e, lhs.vector(k), rhs.vector(k)));
            } else {
                out.add(vectorVector(e, lhs.vector(k), rhs.vector(k)));
            }
        }
        return StepValues.vectors(out);
    }

    private static List<Element> vectorScalar(BinaryOpExpr e, List<Element> vec, double scalar, boolean scalarLeft) {
        List<Element> out = new ArrayList<>(vec.size());
        for (Element el : vec) {
            double l = scalarLeft ? scalar : el.value();
            double r = scalarLeft ? el.value() : scalar;
            if (e.isComparison()) {
                boolean keep = truth(e.op(), l, r);
                if (e.returnBool()) {
                    out.add(new Element(el.labels(), keep ? 1 : 0));
                } else if (keep) {
                    out.add(el);
                }
            } else {
                out.add(new Element(el.labels(), apply(e.op(), l, r)));
            }
        }
        return out;
    }

    private static Labels signature(Labels l, VectorMatching m) {
        if (m.on()) {
            Labels.Builder b = Labels.builder();
            for (String n : m.labels()) {
                b.set(n, l.get(n));
            }
            return b.build();
        }
        if (m.labels().isEmpty()) {
            return l;
        }
        Labels.Builder b = l.toBuilder();
        m.labels().forEach(b::remove);
        return b.build();
    }

    private static List<Element> setOp(BinaryOpExpr e, List<Element> lhs, List<Element> rhs) {
        VectorMatching m = e.matching();
        Set<Labels> rightSigs = new HashSet<>();
        for (Element r : rhs) {
            rightSigs.add(signature(r.labels(), m));
        }
        List<Element> out = new ArrayList<>();
        switch (e.op()) {
            case "and" -> lhs.stream().filter(l -> rightSigs.contains(signature(l.labels(), m))).forEach(out::add);
            case "unless" -> lhs.stream().filter(l -> !rightSigs.contains(signature(l.labels(), m))).forEach(out::add);
            default -> {
                Set<Labels> leftSigs = new HashSet<>();
                for (Element l : lhs) {
                    leftSigs.add(signature(l.labels(), m));
                    out.add(l);
                }
                rhs.stream().filter(r -> !leftSigs.contains(signature(r.labels(), m))).forEach(out::add);
            }
        }
        return out;
    }

    private static List<Element> vectorVector(BinaryOpExpr e, List<Element> lhs, List<Element> rhs) {
        VectorMatching m = e.matching();
        boolean oneToMany = m.card() == Cardinality.ONE_TO_MANY;
        // The "one" side is indexed by signature; the other side is walked.
        List<Element> oneSide = oneToMany ? lhs : rhs;
        List<Element> manySide = oneToMany ? rhs : lhs;
        Map<Labels, Element> index = new HashMap<>();
        for (Element el : oneSide) {
            Labels sig = signature(el.labels(), m);
            Element prev = index.put(sig, el);
            if (prev != null) {
                throw new LogqlException("found duplicate series for the match group " + sig + " on the "
                        + (oneToMany ? "left" : "right") + " hand-side of the operation: [" + prev.labels() + ", "
                        + el.labels() + "];many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }
        Map<Labels, Labels> matchedOne = new HashMap<>();
        Set<Labels> resultSet = new HashSet<>();
        List<Element> out = new ArrayList<>();
        for (Element many : manySide) {
            Labels sig = signature(many.labels(), m);
            Element one = index.get(sig);
            if (one == null) {
                continue;
            }
            if (m.card() == Cardinality.ONE_TO_ONE) {
                Labels prev = matchedOne.put(sig, many.labels());
                if (prev != null) {
                    throw new LogqlException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
            }
            double l = oneToMany ? one.value() : many.value();
            double r = oneToMany ? many.value() : one.value();
            double value;
            if (e.isComparison()) {
                boolean keep = truth(e.op(), l, r);
                if (!e.returnBool() && !keep) {
                    continue;
                }
                value = e.returnBool() ? (keep ? 1 : 0) : l;
            } else {
                value = apply(e.op(), l, r);
            }
            Labels labels = resultLabels(many.labels(), one.labels(), m);
            if (!resultSet.add(labels)) {
                throw new LogqlException("vector cannot contain metrics with the same labelset");
            }
            out.add(new Element(labels, value));
        }
        return out;
    }

    private static Labels resultLabels(Labels many, Labels one, VectorMatching m) {
        Labels.Builder b = many.toBuilder();
        if (m.card() == Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                Labels.Builder kept = Labels.builder();
                for (String n : m.labels()) {
                    kept.set(n, many.get(n));
                }
                return kept.build();
            }
            m.labels().forEach(b::remove);
        }
        for (String n : m.include()) {
            b.set(n, one.get(n));
        }
        return b.build();
    }

    private static boolean truth(String op, double l, double r) {
        return switch (op) {
            case "==" -> l == r;
            case "!=" -> l != r;
            case ">" -> l > r;
            case ">=" -> l >= r;
            case "<" -> l < r;
            case "<=" -> l <= r;
            default -> throw new IllegalStateException(op);
        };
    }

    static double apply(String op, double l, double r) {
        return switch (op) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> l / r;
            case "%" -> l % r;
            case "^" -> Math.pow(l, r);
            case "==", "!=", ">", ">=", "<", "<=" -> l;
            default -> throw new IllegalStateException(op);
        };
    }
}
