package dev.vigil.gotemplate;

/**
 * Equality and ordering for {@code eq}/{@code lt} and friends: numbers compare by value whatever
 * their Java type (Go's untyped constants make {@code gt (len .Alerts) 0} legal), strings by
 * content; mixing a number and a string is an error, as in Go.
 */
final class Comparison {

    private Comparison() {
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof String || b instanceof String || a instanceof Boolean || b instanceof Boolean) {
            if (a.getClass() != b.getClass()) {
                throw new IllegalArgumentException("incompatible types for comparison");
            }
        }
        return a.equals(b);
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            throw new IllegalArgumentException("incompatible types for comparison");
        }
        throw new IllegalArgumentException("invalid type for comparison");
    }
}
