package dev.vigil.promql.parser;

import java.util.Optional;

/** A binary operation; {@code matching} is present exactly when both sides are instant vectors. */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, Optional<VectorMatching> matching, boolean returnBool)
        implements Expr {
    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }
}
