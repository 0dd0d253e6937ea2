package dev.vigil.logql.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A Go text/template subset, as LogQL's {@code line_format} and {@code label_format} use it: text
 * with {@code {{ }}} actions, {@code {{- -}}} trimming, fields ({@code .label}), string, number
 * and boolean constants, function calls, pipelines ({@code .a | ToUpper | trunc 3}),
 * parenthesized sub-pipelines and {@code if / else if / else / end}. Missing labels read as "" (Loki
 * runs templates with {@code missingkey=zero}). Functions are those of {@link TemplateFunctions}.
 */
public final class Template {
    private final List<Node> nodes;

    private Template(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Parses {@code text}; throws {@link TemplateException} with the reason when it is not a valid template. */
    public static Template parse(String text) {
        TemplateParser p = new TemplateParser(text);
        return new Template(p.parseAll());
    }

    /** Renders with {@code data}; throws {@link TemplateException} when a function fails on these values. */
    public String render(TemplateData data) {
        StringBuilder sb = new StringBuilder();
        render(nodes, data, sb);
        return sb.toString();
    }

    private static void render(List<Node> nodes, TemplateData data, StringBuilder sb) {
        for (Node n : nodes) {
            if (n instanceof Node.Text t) {
                sb.append(t.text());
            } else if (n instanceof Node.Action a) {
                sb.append(GoValues.print(eval(a.pipe(), data)));
            } else if (n instanceof Node.If i) {
                List<Node> chosen = i.otherwise();
                for (Node.Branch b : i.branches()) {
                    if (GoValues.truthy(eval(b.condition(), data))) {
                        chosen = b.body();
                        break;
                    }
                }
                render(chosen, data, sb);
            }
        }
    }

    private static Object eval(Node.Pipe pipe, TemplateData data) {
        Object prev = null;
        boolean first = true;
        for (Node.Command c : pipe.commands()) {
            prev = evalCommand(c, data, first ? null : prev, !first);
            first = false;
        }
        return prev;
    }

    private static Object evalCommand(Node.Command c, TemplateData data, Object piped, boolean hasPiped) {
        Node.Arg head = c.args().get(0);
        if (head instanceof Node.Function f) {
            List<Object> args = new ArrayList<>();
            for (int i = 1; i < c.args().size(); i++) {
                args.add(evalArg(c.args().get(i), data));
            }
            if (hasPiped) {
                args.add(piped);
            }
            return TemplateFunctions.call(f.name(), args, data);
        }
        if (c.args().size() > 1 || hasPiped) {
            throw new TemplateException("can't give argument to non-function " + describe(head));
        }
        return evalArg(head, data);
    }

    private static String describe(Node.Arg a) {
        if (a instanceof Node.Field f) {
            return "." + f.name();
        }
        if (a instanceof Node.Constant k) {
            return GoValues.print(k.value());
        }
        return "(...)";
    }

    private static Object evalArg(Node.Arg a, TemplateData data) {
        if (a instanceof Node.Field f) {
            if (f.name().isEmpty()) {
                return data.labels();
            }
            return data.labels().getOrDefault(f.name(), "");
        }
        if (a instanceof Node.Constant k) {
            return k.value();
        }
        if (a instanceof Node.Sub s) {
            return eval(s.pipe(), data);
        }
        Node.Function fn = (Node.Function) a;
        return TemplateFunctions.call(fn.name(), List.of(), data);
    }
}
