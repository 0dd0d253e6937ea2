package dev.vigil.gotemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A set of named templates in Go's text/template syntax, sharing {@code define}d templates and a
 * function map: Go's builtins plus the caller's. Parse texts with {@link #add(String, String)},
 * run them with {@link #execute(String, Object)} or expand a one-off string against the set with
 * {@link #expand(String, Object)}. Thread-safe for concurrent execution once populated.
 */
public final class TemplateSet {
    /**
     * The most characters one execution may write, and any function may return (setting
     * {@code vigil.template.max-output-chars}, a JVM system property; 4 Mi unless set): a template
     * such as {@code {{ repeat 1500000000 "x" }}} fails with an error instead of exhausting memory.
     */
    public static final int MAX_OUTPUT_CHARS = Integer.getInteger("vigil.template.max-output-chars", 4 << 20);

    /** Throws the error a template gets when {@code chars} would exceed {@link #MAX_OUTPUT_CHARS}. */
    public static void checkOutputSize(long chars) {
        if (chars > MAX_OUTPUT_CHARS) {
            throw new IllegalArgumentException("template output would exceed " + MAX_OUTPUT_CHARS
                    + " characters (vigil.template.max-output-chars)");
        }
    }
    private final Map<String, TemplateFunction> functions;
    private final Function<Object, String> printer;
    private final Map<String, List<Node>> templates = new ConcurrentHashMap<>();

    /** A set with Go's builtin functions only. */
    public TemplateSet() {
        this(Map.of());
    }

    /** A set with Go's builtin functions plus (or overridden by) {@code functions}. */
    public TemplateSet(Map<String, TemplateFunction> functions) {
        this(functions, GoFormat::print);
    }

    /**
     * As {@link #TemplateSet(Map)}, printing the value of each action with {@code printer} instead
     * of Go's {@code fmt.Sprint}, for callers whose output format differs from Go's.
     */
    public TemplateSet(Map<String, TemplateFunction> functions, Function<Object, String> printer) {
        Map<String, TemplateFunction> f = Builtins.all();
        f.putAll(functions);
        this.functions = Map.copyOf(f);
        this.printer = printer;
    }

    private TemplateSet(TemplateSet base, Map<String, List<Node>> extra) {
        this.functions = base.functions;
        this.printer = base.printer;
        this.templates.putAll(base.templates);
        this.templates.putAll(extra);
    }

    /**
     * Parses {@code text} under {@code name}; its {@code define}s become available to every
     * template of the set (a later definition replaces an earlier one, as in Go).
     *
     * @throws TemplateException when the text does not parse
     */
    public TemplateSet add(String name, String text) {
        Parser.Parsed parsed = Parser.parse(name, text, functions.keySet());
        templates.putAll(parsed.defines());
        templates.put(name, parsed.body());
        return this;
    }

    /**
     * Checks that {@code text} parses, without adding it, and returns the action keywords it uses
     * ({@code if range with define template block}, and {@code $} for variables), so that a caller
     * accepting part of the language can refuse the rest.
     *
     * @throws TemplateException when the text does not parse
     */
    public Set<String> check(String name, String text) {
        return Parser.parse(name, text, functions.keySet()).keywords();
    }

    /** Executes a named template (a parsed text or a define) with {@code data} as dot. */
    public String execute(String name, Object data) {
        return execute(name, data, Map.of());
    }

    /**
     * As {@link #execute(String, Object)}, with {@code bound} replacing functions of the set's map
     * for this execution only: functions that read the item being rendered (Loki's
     * {@code __line__}) without making the set single-threaded. Each name must be in the set's map,
     * so that the parser accepts it.
     */
    public String execute(String name, Object data, Map<String, TemplateFunction> bound) {
        List<Node> body = definition(name).orElseThrow(
                () -> new TemplateException("template: no template \"" + name + "\" associated with this set"));
        StringBuilder out = new StringBuilder();
        new Executor(this, functions, bound, out, name, data, 0).run(body, data);
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
        TemplateSet view = parsed.defines().isEmpty() ? this : new TemplateSet(this, new HashMap<>(parsed.defines()));
        StringBuilder out = new StringBuilder();
        new Executor(view, view.functions, Map.of(), out, name, data, 0).run(parsed.body(), data);
        return out.toString();
    }

    Optional<List<Node>> definition(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    String print(Object value) {
        return printer.apply(value);
    }
}
