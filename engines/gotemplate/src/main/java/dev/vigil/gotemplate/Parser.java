package dev.vigil.gotemplate;

import dev.vigil.gotemplate.Lexer.Kind;
import dev.vigil.gotemplate.Lexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recursive-descent parser for the supported subset of Go's text/template. Returns the main
 * body and every {@code define}/{@code block} found, so a set can register them by name.
 */
final class Parser {

    /** A parsed text: its top-level nodes and the templates it defines. */
    record Parsed(List<Node> body, Map<String, List<Node>> defines, Set<String> keywords) {
    }

    private final String name;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final Map<String, List<Node>> defines = new LinkedHashMap<>();
    private final Set<String> keywords = new TreeSet<>();
    private int p;

    private Parser(String name, List<Token> tokens, Set<String> functions) {
        this.name = name;
        this.tokens = tokens;
        this.functions = functions;
    }

    static Parsed parse(String name, String text, Set<String> functions) {
        Parser parser = new Parser(name, Lexer.lex(name, text), functions);
        List<Node> body = new ArrayList<>();
        String end = parser.list(body, true);
        if (end != null) {
            throw parser.error(parser.tokens.get(parser.p - 1).pos(), "unexpected {{" + end + "}}");
        }
        return new Parsed(List.copyOf(body), parser.defines, Set.copyOf(parser.keywords));
    }

    private TemplateException error(Pos pos, String msg) {
        // Go reports a parse error with the line only (the column comes with execution errors)
        return new TemplateException("template: " + name + ":" + pos.line() + ": " + msg);
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(p++);
    }

    private Token expect(Kind kind, String context) {
        Token t = next();
        if (t.kind() != kind) {
            throw error(t.pos(), "unexpected " + describe(t) + " in " + context);
        }
        return t;
    }

    private static String describe(Token t) {
        return switch (t.kind()) {
            case EOF -> "EOF";
            case RIGHT -> "\"}}\"";
            default -> "\"" + t.text() + "\"";
        };
    }

    /**
     * Parses nodes into {@code out} until EOF (only when {@code topLevel}) or an {@code end}/{@code else}
     * action, whose keyword is returned with the cursor just after the keyword.
     */
    private String list(List<Node> out, boolean topLevel) {
        while (true) {
            Token t = next();
            switch (t.kind()) {
                case EOF -> {
                    if (!topLevel) {
                        throw error(t.pos(), "unexpected EOF: missing {{end}}");
                    }
                    return null;
                }
                case TEXT -> out.add(new Node.Text((String) t.value()));
                case LEFT -> {
                    Token k = peek();
                    if (k.kind() == Kind.IDENT) {
                        switch (k.text()) {
                            case "end", "else" -> {
                                p++;
                                if (topLevel) {
                                    throw error(k.pos(), "unexpected {{" + k.text() + "}}");
                                }
                                return k.text();
                            }
                            case "if" -> {
                                keywords.add("if");
                                out.add(ifNode(next().pos()));
                            }
                            case "range" -> {
                                keywords.add("range");
                                out.add(rangeNode(next().pos()));
                            }
                            case "with" -> {
                                keywords.add("with");
                                out.add(withNode(next().pos()));
                            }
                            case "template" -> {
                                keywords.add("template");
                                out.add(callNode(next().pos()));
                            }
                            case "define" -> {
                                keywords.add("define");
                                define(next().pos(), topLevel);
                            }
                            case "block" -> {
                                keywords.add("block");
                                out.add(block(next().pos()));
                            }
                            default -> out.add(new Node.Action(k.pos(), pipeline("command", false)));
                        }
                    } else {
                        out.add(new Node.Action(k.pos(), pipeline("command", false)));
                    }
                }
                default -> throw error(t.pos(), "unexpected " + describe(t));
            }
        }
    }

    private Node.If ifNode(Pos pos) {
        Node.Pipeline pipe = pipeline("if", false);
        List<Node> then = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        String end = list(then, false);
        if (end.equals("else")) {
            if (peek().kind() == Kind.IDENT && peek().text().equals("if")) {
                // "else if" shares the closing {{end}} of the outer if.
                otherwise.add(ifNode(next().pos()));
            } else {
                expect(Kind.RIGHT, "else");
                if (!list(otherwise, false).equals("end")) {
                    throw error(pos, "expected end; found else");
                }
                expect(Kind.RIGHT, "end");
            }
        } else {
            expect(Kind.RIGHT, "end");
        }
        return new Node.If(pos, pipe, List.copyOf(then), List.copyOf(otherwise));
    }

    private Node.With withNode(Pos pos) {
        Node.Pipeline pipe = pipeline("with", false);
        List<Node> body = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        closeWithElse(pos, body, otherwise, true);
        return new Node.With(pos, pipe, List.copyOf(body), List.copyOf(otherwise));
    }

    private Node.Range rangeNode(Pos pos) {
        Node.Pipeline pipe = pipeline("range", true);
        List<Node> body = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        closeWithElse(pos, body, otherwise, false);
        return new Node.Range(pos, pipe, List.copyOf(body), List.copyOf(otherwise));
    }

    private void closeWithElse(Pos pos, List<Node> body, List<Node> otherwise, boolean allowElseWith) {
        String end = list(body, false);
        if (end.equals("else")) {
            if (allowElseWith && peek().kind() == Kind.IDENT && peek().text().equals("with")) {
                otherwise.add(withNode(next().pos()));
                return;
            }
            expect(Kind.RIGHT, "else");
            if (!list(otherwise, false).equals("end")) {
                throw error(pos, "expected end; found else");
            }
        }
        expect(Kind.RIGHT, "end");
    }

    private Node.Call callNode(Pos pos) {
        Token n = next();
        if (n.kind() != Kind.STRING) {
            throw error(n.pos(), "unexpected " + describe(n) + " in template clause");
        }
        Optional<Node.Pipeline> pipe = Optional.empty();
        if (peek().kind() != Kind.RIGHT) {
            pipe = Optional.of(pipeline("template clause", false));
        } else {
            next();
        }
        return new Node.Call(pos, (String) n.value(), pipe);
    }

    private void define(Pos pos, boolean topLevel) {
        if (!topLevel) {
            throw error(pos, "unexpected define: define is only allowed at top level");
        }
        Token n = next();
        if (n.kind() != Kind.STRING) {
            throw error(n.pos(), "unexpected " + describe(n) + " in define clause");
        }
        expect(Kind.RIGHT, "define clause");
        List<Node> body = new ArrayList<>();
        if (!list(body, false).equals("end")) {
            throw error(pos, "unexpected {{else}} in define clause");
        }
        expect(Kind.RIGHT, "end");
        defines.put((String) n.value(), List.copyOf(body));
    }

    private Node.Call block(Pos pos) {
        Token n = next();
        if (n.kind() != Kind.STRING) {
            throw error(n.pos(), "unexpected " + describe(n) + " in block clause");
        }
        Node.Pipeline pipe = pipeline("block clause", false);
        List<Node> body = new ArrayList<>();
        if (!list(body, false).equals("end")) {
            throw error(pos, "unexpected {{else}} in block clause");
        }
        expect(Kind.RIGHT, "end");
        defines.put((String) n.value(), List.copyOf(body));
        return new Node.Call(pos, (String) n.value(), Optional.of(pipe));
    }

    /** Parses a pipeline up to and including the closing delimiter (or right paren when nested). */
    private Node.Pipeline pipeline(String context, boolean allowTwoVars) {
        Pos pos = peek().pos();
        List<String> vars = new ArrayList<>();
        boolean assign = false;
        if (peek().kind() == Kind.VAR) {
            Kind after = peek(1).kind();
            if (after == Kind.DECLARE || after == Kind.ASSIGN) {
                keywords.add("$");
                vars.add(next().text());
                assign = next().kind() == Kind.ASSIGN;
            } else if (after == Kind.COMMA && allowTwoVars && peek(2).kind() == Kind.VAR && peek(3).kind() == Kind.DECLARE) {
                vars.add(next().text());
                next();
                vars.add(next().text());
                next();
            }
        }
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            commands.add(command(context));
            Token t = next();
            if (t.kind() == Kind.PIPE) {
                continue;
            }
            if (t.kind() == Kind.RIGHT || t.kind() == Kind.RPAREN) {
                break;
            }
            throw error(t.pos(), "unexpected " + describe(t) + " in " + context);
        }
        return new Node.Pipeline(pos, List.copyOf(vars), assign, List.copyOf(commands));
    }

    private Node.Command command(String context) {
        Pos pos = peek().pos();
        List<Node.Arg> args = new ArrayList<>();
        while (true) {
            Kind k = peek().kind();
            if (k == Kind.PIPE || k == Kind.RIGHT || k == Kind.RPAREN) {
                break;
            }
            args.add(operand(context));
        }
        if (args.isEmpty()) {
            throw error(peek().pos(), "missing value for " + context);
        }
        return new Node.Command(pos, List.copyOf(args));
    }

    private Node.Arg operand(String context) {
        Token t = next();
        Node.Arg arg = switch (t.kind()) {
            case FIELD -> new Node.Field(fields(List.of(t.text())));
            case DOT -> new Node.Field(List.of());
            case VAR -> {
                keywords.add("$");
                yield new Node.Variable(t.text(), fields(List.of()));
            }
            case STRING, NUMBER, BOOL -> new Node.Literal(t.value());
            case NIL -> new Node.Literal(null);
            case IDENT -> {
                if (!functions.contains(t.text())) {
                    throw error(t.pos(), "function \"" + t.text() + "\" not defined");
                }
                yield new Node.Function(t.text());
            }
            case LPAREN -> {
                Node.Pipeline inner = pipeline("parenthesized pipeline", false);
                yield new Node.Sub(inner, fields(List.of()));
            }
            default -> throw error(t.pos(), "unexpected " + describe(t) + " in " + context);
        };
        return arg;
    }

    /** Collects field names written right after an operand with no space ({@code $x.A.B}). */
    private List<String> fields(List<String> first) {
        List<String> out = new ArrayList<>(first);
        while (peek().kind() == Kind.FIELD && !peek().spaced()) {
            out.add(next().text());
        }
        return List.copyOf(out);
    }
}
