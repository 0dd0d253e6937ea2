package dev.vigil.logql.template;

import java.util.List;

/** A parsed template element. */
sealed interface Node {
    /** Literal text. */
    record Text(String text) implements Node {
    }

    /** {@code {{ pipeline }}}: prints the pipeline's value. */
    record Action(Pipe pipe) implements Node {
    }

    /** {@code {{if p}}..{{else if q}}..{{else}}..{{end}}}: the first branch whose condition is truthy. */
    record If(List<Branch> branches, List<Node> otherwise) implements Node {
    }

    /** One condition and its body. */
    record Branch(Pipe condition, List<Node> body) {
    }

    /** {@code cmd | cmd | ...}: each command's value is passed as the last argument of the next. */
    record Pipe(List<Command> commands) {
    }

    /** A function call with arguments, or a single operand. */
    record Command(List<Arg> args) {
    }

    /** An operand. */
    sealed interface Arg {
    }

    /** {@code .name} (or {@code .} for the whole label map). */
    record Field(String name) implements Arg {
    }

    /** A string, number or boolean constant. */
    record Constant(Object value) implements Arg {
    }

    /** A function name. */
    record Function(String name) implements Arg {
    }

    /** A parenthesized pipeline. */
    record Sub(Pipe pipe) implements Arg {
    }
}
