package dev.vigil.gotemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Walks a parsed template against data, writing to a buffer; one instance per execution. */
final class Executor {
    private static final int MAX_DEPTH = 1000;

    private record Var(String name, Object value) {
    }

    private final TemplateSet set;
    private final Map<String, TemplateFunction> functions;
    /** Functions bound to this execution, looked up before the set's (see TemplateSet#execute). */
    private final Map<String, TemplateFunction> bound;
    private final StringBuilder out;
    private final String name;
    private final List<Var> vars = new ArrayList<>();
    private final int depth;

    Executor(TemplateSet set, Map<String, TemplateFunction> functions, Map<String, TemplateFunction> bound,
            StringBuilder out, String name, Object data, int depth) {
        this.set = set;
        this.functions = functions;
        this.bound = bound;
        this.out = out;
        this.name = name;
        this.depth = depth;
        vars.add(new Var("$", data));
    }

    private TemplateException error(Pos pos, String at, String msg) {
        return new TemplateException("template: " + name + ":" + pos + ": executing \"" + name + "\" at <" + at + ">: " + msg);
    }

    private void write(String s) {
        if ((long) out.length() + s.length() > TemplateSet.MAX_OUTPUT_CHARS) {
            throw new TemplateException("template: " + name + ": output exceeds " + TemplateSet.MAX_OUTPUT_CHARS
                    + " characters (vigil.template.max-output-chars)");
        }
        out.append(s);
    }

    void run(List<Node> nodes, Object dot) {
        for (Node n : nodes) {
            walk(n, dot);
        }
    }

    private void walk(Node node, Object dot) {
        if (node instanceof Node.Text t) {
            write(t.text());
        } else if (node instanceof Node.Action a) {
            Object v = pipeline(a.pipe(), dot);
            if (a.pipe().vars().isEmpty()) {
                write(set.print(v));
            }
        } else if (node instanceof Node.If i) {
            int mark = vars.size();
            boolean cond = GoValues.truth(pipeline(i.pipe(), dot));
            run(cond ? i.then() : i.otherwise(), dot);
            truncate(mark);
        } else if (node instanceof Node.With w) {
            int mark = vars.size();
            Object v = pipeline(w.pipe(), dot);
            if (GoValues.truth(v)) {
                run(w.body(), v);
            } else {
                run(w.otherwise(), dot);
            }
            truncate(mark);
        } else if (node instanceof Node.Range r) {
            range(r, dot);
        } else if (node instanceof Node.Call c) {
            call(c, dot);
        }
    }

    private void truncate(int mark) {
        while (vars.size() > mark) {
            vars.remove(vars.size() - 1);
        }
    }

    private void range(Node.Range r, Object dot) {
        int mark = vars.size();
        Node.Pipeline pipe = r.pipe();
        Node.Pipeline plain = new Node.Pipeline(pipe.pos(), List.of(), false, pipe.commands());
        Object v = pipeline(plain, dot);
        List<Object[]> items = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                items.add(new Object[] {e.getKey(), e.getValue()});
            }
        } else if (v instanceof Collection<?> c) {
            long i = 0;
            for (Object o : c) {
                items.add(new Object[] {i++, o});
            }
        } else if (v instanceof Long n) {
            for (long i = 0; i < n; i++) {
                items.add(new Object[] {i, i});
            }
        } else if (v != null) {
            throw error(r.pos(), "range", "range can't iterate over " + GoFormat.print(v));
        }
        if (items.isEmpty()) {
            run(r.otherwise(), dot);
            truncate(mark);
            return;
        }
        for (Object[] item : items) {
            int iter = vars.size();
            if (pipe.vars().size() == 1) {
                vars.add(new Var(pipe.vars().get(0), item[1]));
            } else if (pipe.vars().size() == 2) {
                vars.add(new Var(pipe.vars().get(0), item[0]));
                vars.add(new Var(pipe.vars().get(1), item[1]));
            }
            run(r.body(), item[1]);
            truncate(iter);
        }
        truncate(mark);
    }

    private void call(Node.Call c, Object dot) {
        List<Node> body = set.definition(c.name()).orElseThrow(
                () -> error(c.pos(), "template " + c.name(), "template: no template \"" + c.name() + "\" associated with template \"" + name + "\""));
        if (depth >= MAX_DEPTH) {
            throw error(c.pos(), "template " + c.name(), "exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object arg = c.pipe().map(p -> pipeline(p, dot)).orElse(null);
        new Executor(set, functions, bound, out, c.name(), arg, depth + 1).run(body, arg);
    }

    private Object pipeline(Node.Pipeline pipe, Object dot) {
        Object value = null;
        boolean hasFinal = false;
        for (Node.Command cmd : pipe.commands()) {
            value = command(cmd, dot, value, hasFinal);
            hasFinal = true;
        }
        for (String v : pipe.vars()) {
            if (pipe.assign()) {
                assign(pipe.pos(), v, value);
            } else {
                vars.add(new Var(v, value));
            }
        }
        return value;
    }

    private void assign(Pos pos, String var, Object value) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name().equals(var)) {
                vars.set(i, new Var(var, value));
                return;
            }
        }
        throw error(pos, var, "undefined variable: " + var);
    }

    private Object variable(Pos pos, String var) {
        for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name().equals(var)) {
                return vars.get(i).value();
            }
        }
        throw error(pos, var, "undefined variable: " + var);
    }

    private Object command(Node.Command cmd, Object dot, Object fin, boolean hasFinal) {
        Node.Arg first = cmd.args().get(0);
        List<Node.Arg> rest = cmd.args().subList(1, cmd.args().size());
        if (first instanceof Node.Function f) {
            if (f.name().equals("and") || f.name().equals("or")) {
                return andOr(cmd, f.name(), rest, dot, fin, hasFinal);
            }
            return invoke(cmd.pos(), f.name(), methodArgs(cmd, rest, dot, fin, hasFinal));
        }
        if (first instanceof Node.Field fl && !fl.names().isEmpty()) {
            return chain(cmd.pos(), dot, fl.names(), methodArgs(cmd, rest, dot, fin, hasFinal), "." + String.join(".", fl.names()));
        }
        if (first instanceof Node.Variable v && !v.fields().isEmpty()) {
            return chain(cmd.pos(), variable(cmd.pos(), v.name()), v.fields(), methodArgs(cmd, rest, dot, fin, hasFinal),
                    v.name() + "." + String.join(".", v.fields()));
        }
        if (first instanceof Node.Sub sub && !sub.fields().isEmpty()) {
            return chain(cmd.pos(), pipeline(sub.pipe(), dot), sub.fields(), methodArgs(cmd, rest, dot, fin, hasFinal),
                    "(...)." + String.join(".", sub.fields()));
        }
        if (!rest.isEmpty() || hasFinal) {
            throw error(cmd.pos(), describe(first), "can't give argument to non-function " + describe(first));
        }
        return arg(cmd.pos(), first, dot);
    }

    private List<Object> methodArgs(Node.Command cmd, List<Node.Arg> rest, Object dot, Object fin, boolean hasFinal) {
        List<Object> args = new ArrayList<>();
        for (Node.Arg a : rest) {
            args.add(arg(cmd.pos(), a, dot));
        }
        if (hasFinal) {
            args.add(fin);
        }
        return args;
    }

    private Object andOr(Node.Command cmd, String fn, List<Node.Arg> rest, Object dot, Object fin, boolean hasFinal) {
        int n = rest.size() + (hasFinal ? 1 : 0);
        if (n < 1) {
            throw error(cmd.pos(), fn, "wrong number of args for " + fn + ": want at least 1 got 0");
        }
        Object v = null;
        for (int i = 0; i < n; i++) {
            v = i < rest.size() ? arg(cmd.pos(), rest.get(i), dot) : fin;
            boolean t = GoValues.truth(v);
            if (fn.equals("and") != t) {
                return v;
            }
        }
        return v;
    }

    private Object invoke(Pos pos, String fn, List<Object> args) {
        TemplateFunction f = bound.get(fn);
        if (f == null) {
            f = functions.get(fn);
        }
        if (f == null) {
            throw error(pos, fn, "function \"" + fn + "\" not defined");
        }
        try {
            return f.apply(args);
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw error(pos, fn, "error calling " + fn + ": " + e.getMessage());
        }
    }

    private Object arg(Pos pos, Node.Arg a, Object dot) {
        if (a instanceof Node.Literal l) {
            return l.value();
        }
        if (a instanceof Node.Field f) {
            return f.names().isEmpty() ? dot : chain(pos, dot, f.names(), List.of(), "." + String.join(".", f.names()));
        }
        if (a instanceof Node.Variable v) {
            return v.fields().isEmpty() ? variable(pos, v.name())
                    : chain(pos, variable(pos, v.name()), v.fields(), List.of(), v.name() + "." + String.join(".", v.fields()));
        }
        if (a instanceof Node.Sub sub) {
            return sub.fields().isEmpty() ? pipeline(sub.pipe(), dot)
                    : chain(pos, pipeline(sub.pipe(), dot), sub.fields(), List.of(), "(...)." + String.join(".", sub.fields()));
        }
        return invoke(pos, ((Node.Function) a).name(), new ArrayList<>());
    }

    /** Follows {@code .A.B.C}; only the last member receives {@code args}. */
    private Object chain(Pos pos, Object receiver, List<String> names, List<Object> args, String at) {
        Object cur = receiver;
        for (int i = 0; i < names.size(); i++) {
            boolean last = i == names.size() - 1;
            cur = member(pos, cur, names.get(i), last ? args : List.of(), at);
        }
        return cur;
    }

    private Object member(Pos pos, Object receiver, String field, List<Object> args, String at) {
        if (receiver instanceof TemplateObject t) {
            Optional<Object> v;
            try {
                v = t.member(field, args);
            } catch (TemplateException e) {
                throw e;
            } catch (RuntimeException e) {
                throw error(pos, at, "error calling " + field + ": " + e.getMessage());
            }
            return v.orElseThrow(() -> error(pos, at, "can't evaluate field " + field + " in type " + t.getClass().getSimpleName()));
        }
        if (GoTime.isTime(receiver)) {
            try {
                return GoTime.member(receiver, field, args)
                        .orElseThrow(() -> error(pos, at, "can't evaluate field " + field + " in type time.Time"));
            } catch (IllegalArgumentException e) {
                throw error(pos, at, "error calling " + field + ": " + e.getMessage());
            }
        }
        if (receiver instanceof Map<?, ?> m) {
            if (!args.isEmpty()) {
                throw error(pos, at, "can't give argument to non-function " + at + ": " + field + " is not a method but has arguments");
            }
            Object v = m.get(field);
            return v == null ? "" : v;
        }
        if (receiver == null) {
            throw error(pos, at, "nil pointer evaluating ." + field);
        }
        throw error(pos, at, "can't evaluate field " + field + " in type " + receiver.getClass().getSimpleName());
    }

    private static String describe(Node.Arg a) {
        if (a instanceof Node.Literal l) {
            return GoFormat.print(l.value());
        }
        if (a instanceof Node.Field f) {
            return "." + String.join(".", f.names());
        }
        if (a instanceof Node.Variable v) {
            return v.name();
        }
        return a instanceof Node.Function f ? f.name() : "(...)";
    }
}
