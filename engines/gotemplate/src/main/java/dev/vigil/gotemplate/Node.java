package dev.vigil.gotemplate;

import java.util.List;
import java.util.Optional;

/** The syntax tree of a parsed template: Go's text/template node kinds that Vigil supports. */
sealed interface Node {

    /** Literal text, copied to the output. */
    record Text(String text) implements Node {
    }

    /** {@code {{ pipeline }}}: the value is printed unless the pipeline only declares variables. */
    record Action(Pos pos, Pipeline pipe) implements Node {
    }

    /** {@code {{ if }}}; an {@code else if} chain is an {@code If} inside {@code otherwise}. */
    record If(Pos pos, Pipeline pipe, List<Node> then, List<Node> otherwise) implements Node {
    }

    /** {@code {{ range }}} over a list or a map (by sorted key), with an optional else. */
    record Range(Pos pos, Pipeline pipe, List<Node> body, List<Node> otherwise) implements Node {
    }

    /** {@code {{ with }}}: runs the body with dot set to a non-empty value. */
    record With(Pos pos, Pipeline pipe, List<Node> body, List<Node> otherwise) implements Node {
    }

    /** {@code {{ template "name" pipeline }}}. */
    record Call(Pos pos, String name, Optional<Pipeline> pipe) implements Node {
    }

    /** Commands joined by {@code |}, optionally declaring ({@code :=}) or assigning ({@code =}) variables. */
    record Pipeline(Pos pos, List<String> vars, boolean assign, List<Command> commands) {
    }

    /** One command of a pipeline: a function or method with arguments, or a single operand. */
    record Command(Pos pos, List<Arg> args) {
    }

    /** An operand. */
    sealed interface Arg {
    }

    /** {@code .A.B} (no fields: dot itself). */
    record Field(List<String> names) implements Arg {
    }

    /** {@code $x.A.B}. */
    record Variable(String name, List<String> fields) implements Arg {
    }

    /** A function name. */
    record Function(String name) implements Arg {
    }

    /** {@code (pipeline).A.B}. */
    record Sub(Pipeline pipe, List<String> fields) implements Arg {
    }

    /** A string, number, boolean or nil constant. */
    record Literal(Object value) implements Arg {
    }
}
