package dev.vigil.alert.template;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of named templates in Go's text/template syntax (the subset described in the module
 * README), sharing {@code define}d templates and a function map. Parse texts with
 * {@link #add(String, String)}, run them with {@link #execute(String, Object)} or expand a one-off
 * string against the set with {@link #expand(String, Object)}. Thread-safe for concurrent
 * execution once populated.
 */
public final class TemplateSet {
    private final Map<String, TemplateFunction> functions;
    private final Map<String, List<Node>> templates = new ConcurrentHashMap<>();

    /** A set with the standard functions. */
    public TemplateSet() {
        this(Map.of());
    }

    /** A set with the standard functions plus (or overridden by) {@code extra}. */
    public TemplateSet(Map<String, TemplateFunction> extra) {
        Map<String, TemplateFunction> f = Functions.standard();
        f.putAll(extra);
        this.functions = Map.copyOf(f);
    }

    /**
     * Parses {@code text} under {@code name}; its {@code define}s become available to every
     * template of the set (a later definition replaces an earlier one, as in Go).
     */
    public TemplateSet add(String name, String text) {
        Parser.Parsed parsed = Parser.parse(name, text, functions.keySet());
        templates.putAll(parsed.defines());
        templates.put(name, parsed.body());
        return this;
    }

    /** Checks that {@code text} parses, without adding it; throws {@link TemplateException} otherwise. */
    public void check(String name, String text) {
        Parser.parse(name, text, functions.keySet());
    }

    /** Executes a named template (a parsed text or a define) with {@code data} as dot. */
    public String execute(String name, Object data) {
        List<Node> body = definition(name).orElseThrow(
                () -> new TemplateException("template: no template \"" + name + "\" associated with this set"));
        StringBuilder out = new StringBuilder();
        new Executor(this, functions, out, name, data, 0).run(body, data);
        return out.toString();
    }

    /**
     * Parses and executes a one-off text against this set's defines, without keeping it, as
     * Alertmanager does for each receiver field.
     */
    public String expand(String text, Object data) {
        return expand("", text, data);
    }

    /** As {@link #expand(String, Object)}, naming the text in error messages. */
    public String expand(String name, String text, Object data) {
        Parser.Parsed parsed = Parser.parse(name, text, functions.keySet());
        Map<String, List<Node>> local = new HashMap<>(parsed.defines());
        TemplateSet view = local.isEmpty() ? this : withDefines(local);
        StringBuilder out = new StringBuilder();
        new Executor(view, view.functions, out, name, data, 0).run(parsed.body(), data);
        return out.toString();
    }

    private TemplateSet withDefines(Map<String, List<Node>> extra) {
        TemplateSet copy = new TemplateSet(functions, templates);
        copy.templates.putAll(extra);
        return copy;
    }

    private TemplateSet(Map<String, TemplateFunction> functions, Map<String, List<Node>> templates) {
        this.functions = functions;
        this.templates.putAll(templates);
    }

    Optional<List<Node>> definition(String name) {
        return Optional.ofNullable(templates.get(name));
    }
}
