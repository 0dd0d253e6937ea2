package dev.vigil.promql.parser;

import dev.vigil.model.regex.RegexSyntaxException;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses PromQL into an {@link Expr} tree and type-checks it, as Prometheus 2.4x does: precedence
 * climbing over the binary operators ({@code ^} right-associative), postfix range, subquery,
 * {@code offset} and {@code @} on primaries, and the checks of Prometheus's {@code checkAST}.
 */
public final class Parser {
    private final String input;
    private final List<Token> tokens;
    private int i;
    /** Start offsets of nodes, for error positions; keyed by identity because records compare by value. */
    private final Map<Expr, Integer> starts = new IdentityHashMap<>();
    /** How many aggregation bodies enclose the current token: Prometheus reports syntax errors there "in aggregation". */
    private int aggregationDepth;
    /**
     * Nesting so far (parentheses, calls, unary and binary operators): deeper queries are refused
     * with a parse error, before parsing or evaluating them could exhaust a thread's stack.
     */
    private int depth;
    /** Setting {@code vigil.query.max-nesting-depth} (a JVM system property), 256 unless set. */
    public static final int MAX_NESTING_DEPTH = Integer.getInteger("vigil.query.max-nesting-depth", 256);

    private Parser(String input) {
        this.input = input;
        this.tokens = Lexer.lex(input);
    }

    /** Parses and type-checks a query; throws {@link ParseException} with position on any error. */
    public static Expr parse(String query) {
        Parser p = new Parser(query);
        if (p.peek().is(TokenType.EOF)) {
            throw ParseException.at(query, 0, "no expression found in input");
        }
        Expr e = p.expr(0);
        if (!p.peek().is(TokenType.EOF)) {
            throw p.unexpected(p.peek(), "");
        }
        return e;
    }

    /** Parses a bare vector selector such as {@code foo{a="b"}} (used by the series API's match[]). */
    public static VectorSelector parseSelector(String selector) {
        Expr e = parse(selector);
        if (e instanceof VectorSelector vs) {
            return vs;
        }
        throw ParseException.at(selector, 0, "expected a vector selector, got " + e.type().documented());
    }

    // ---- tokens

    private Token peek() {
        Token t = tokens.get(i);
        if (t.is(TokenType.ERROR)) {
            throw error(t.pos(), t.text());
        }
        return t;
    }

    private Token peek(int ahead) {
        Token t = tokens.get(Math.min(i + ahead, tokens.size() - 1));
        return t.is(TokenType.ERROR) ? new Token(TokenType.EOF, "", t.pos()) : t;
    }

    private Token next() {
        Token t = peek();
        if (!t.is(TokenType.EOF)) {
            i++;
        }
        return t;
    }

    private Token expect(TokenType type, String context, String expected) {
        Token t = peek();
        if (!t.is(type)) {
            throw unexpected(t, context, expected);
        }
        return next();
    }

    private ParseException unexpected(Token t, String context) {
        return unexpected(t, context, "");
    }

    /** Prometheus's wording: {@code unexpected <token>[ in <context>][, expected <what>]}. */
    private ParseException unexpected(Token t, String context, String expected) {
        if (context.isEmpty() && aggregationDepth > 0) {
            context = "aggregation";
        }
        String msg = "unexpected " + t.describe() + (context.isEmpty() ? "" : " in " + context)
                + (expected.isEmpty() ? "" : ", expected " + expected);
        return ParseException.at(input, t.pos(), msg);
    }

    private ParseException error(int pos, String msg) {
        return ParseException.at(input, pos, msg);
    }

    private <E extends Expr> E at(E e, int pos) {
        starts.put(e, pos);
        return e;
    }

    private int startOf(Expr e) {
        return starts.getOrDefault(e, 0);
    }

    // ---- expressions

    private Expr expr(int minPrec) {
        int outer = depth;
        try {
            return binaryChain(minPrec);
        } finally {
            depth = outer;
        }
    }

    private Expr binaryChain(int minPrec) {
        nest();
        Expr lhs = unary();
        while (true) {
            Token opTok = peek();
            Optional<BinaryOp> maybeOp = binaryOp(opTok);
            if (maybeOp.isEmpty() || maybeOp.get().precedence() < minPrec) {
                return lhs;
            }
            BinaryOp op = maybeOp.get();
            nest(); // each operator of a chain nests the tree one level deeper
            next();
            boolean returnBool = false;
            if (peek().isWord("bool")) {
                next();
                returnBool = true;
            }
            VectorMatching matching = matching();
            int nextMin = op.rightAssociative() ? op.precedence() : op.precedence() + 1;
            Expr rhs = expr(nextMin);
            lhs = at(binary(op, lhs, rhs, matching, returnBool, opTok.pos()), startOf(lhs));
        }
    }

    private void nest() {
        if (++depth > MAX_NESTING_DEPTH) {
            throw error(peek().pos(), "expression nested too deeply: more than " + MAX_NESTING_DEPTH
                    + " levels (vigil.query.max-nesting-depth)");
        }
    }

    private static Optional<BinaryOp> binaryOp(Token t) {
        return Optional.ofNullable(switch (t.type()) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            case EQLC -> BinaryOp.EQLC;
            case NEQ -> BinaryOp.NEQ;
            case LTE -> BinaryOp.LTE;
            case LSS -> BinaryOp.LSS;
            case GTE -> BinaryOp.GTE;
            case GTR -> BinaryOp.GTR;
            case IDENTIFIER -> switch (t.text().toLowerCase(Locale.ROOT)) {
                case "and" -> BinaryOp.AND;
                case "or" -> BinaryOp.OR;
                case "unless" -> BinaryOp.UNLESS;
                case "atan2" -> BinaryOp.ATAN2;
                default -> null;
            };
            default -> null;
        });
    }

    /** Parses {@code on(...)/ignoring(...)} and {@code group_left/right(...)}, or returns null when absent. */
    private VectorMatching matching() {
        Token t = peek();
        if (!t.isWord("on") && !t.isWord("ignoring")) {
            if (t.isWord("group_left") || t.isWord("group_right")) {
                throw unexpected(t, "");
            }
            return null;
        }
        next();
        boolean on = t.isWord("on");
        List<String> labels = labelList("grouping opts");
        VectorMatching.Cardinality card = VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        Token g = peek();
        if (g.isWord("group_left") || g.isWord("group_right")) {
            next();
            card = g.isWord("group_left") ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
            if (peek().is(TokenType.LEFT_PAREN)) {
                include = labelList("grouping opts");
            }
        }
        return new VectorMatching(card, labels, on, include);
    }

    private Expr binary(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool, int opPos) {
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        int pos = startOf(lhs);
        if (returnBool && !op.isComparison()) {
            throw error(opPos, "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw error(opPos, "comparisons between scalars must use BOOL modifier");
        }
        if (matching != null && matching.on()) {
            for (String l : matching.labels()) {
                if (matching.include().contains(l)) {
                    throw error(opPos, "label " + Printer.quote(l) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            throw error(startOf(lhs), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            throw error(startOf(rhs), "binary expression must contain only scalar and instant vector types");
        }
        Optional<VectorMatching> vm = Optional.empty();
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (matching != null && (!matching.labels().isEmpty() || matching.on())) {
                throw error(pos, "vector matching only allowed between instant vectors");
            }
        } else {
            VectorMatching m = matching != null ? matching
                    : new VectorMatching(VectorMatching.Cardinality.ONE_TO_ONE, List.of(), false, List.of());
            if (op.isSetOperator()) {
                if (m.card() == VectorMatching.Cardinality.MANY_TO_ONE || m.card() == VectorMatching.Cardinality.ONE_TO_MANY) {
                    throw error(pos, "no grouping allowed for " + Printer.quote(op.symbol()) + " operation");
                }
                m = new VectorMatching(VectorMatching.Cardinality.MANY_TO_MANY, m.labels(), m.on(), m.include());
            }
            vm = Optional.of(m);
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && op.isSetOperator()) {
            throw error(pos, "set operator " + Printer.quote(op.symbol()) + " not allowed in binary scalar expression");
        }
        return new BinaryExpr(op, lhs, rhs, vm, returnBool);
    }

    private Expr unary() {
        Token t = peek();
        if (t.is(TokenType.ADD) || t.is(TokenType.SUB)) {
            next();
            // Unary operators bind like multiplication: only ^ reaches into the operand.
            Expr operand = expr(BinaryOp.POW.precedence());
            if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
                throw error(t.pos(), "unary expression only allowed on expressions of type scalar or instant vector, got "
                        + Printer.quote(operand.type().documented()));
            }
            boolean negate = t.is(TokenType.SUB);
            if (operand instanceof NumberLiteral n) {
                return at(new NumberLiteral(negate ? -n.value() : n.value()), t.pos());
            }
            return at(new UnaryExpr(negate, operand), t.pos());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.is(TokenType.LEFT_BRACKET)) {
                e = rangeOrSubquery(e);
            } else if (t.isWord("offset")) {
                e = offset(e);
            } else if (t.is(TokenType.AT)) {
                e = atModifier(e);
            } else {
                return e;
            }
        }
    }

    private Expr rangeOrSubquery(Expr e) {
        Token open = next();
        Token rangeTok = peek();
        if (!rangeTok.is(TokenType.DURATION)) {
            throw unexpected(rangeTok, "subquery or range", "duration");
        }
        next();
        long range = duration(rangeTok);
        if (peek().is(TokenType.COLON)) {
            next();
            long step = 0;
            if (peek().is(TokenType.DURATION)) {
                step = duration(next());
            }
            expect(TokenType.RIGHT_BRACKET, "subquery selector", "\"]\"");
            if (e.type() != ValueType.VECTOR) {
                throw error(startOf(e), "subquery is only allowed on instant vector, got " + goTypeName(e.type()) + " instead");
            }
            return at(new SubqueryExpr(e, range, step, 0, AtModifier.NONE), startOf(e));
        }
        expect(TokenType.RIGHT_BRACKET, "subquery or range selector", "\":\" or \"]\"");
        if (!(e instanceof VectorSelector vs)) {
            throw error(open.pos(), "ranges only allowed for vector selectors");
        }
        if (vs.offsetMs() != 0) {
            throw error(open.pos(), "no offset modifiers allowed before range");
        }
        if (vs.at().isSet()) {
            throw error(open.pos(), "no @ modifiers allowed before range");
        }
        return at(new MatrixSelector(vs, range), startOf(e));
    }

    private static String goTypeName(ValueType t) {
        return switch (t) {
            case SCALAR -> "scalar";
            case VECTOR -> "vector";
            case MATRIX -> "matrix";
            case STRING -> "string";
        };
    }

    private Expr offset(Expr e) {
        Token kw = next();
        boolean negative = false;
        if (peek().is(TokenType.SUB)) {
            next();
            negative = true;
        } else if (peek().is(TokenType.ADD)) {
            next();
        }
        Token d = peek();
        if (!d.is(TokenType.DURATION)) {
            throw unexpected(d, "offset", "duration");
        }
        next();
        long off = duration(d) * (negative ? -1 : 1);
        String multiple = "offset may not be set multiple times";
        if (e instanceof VectorSelector vs) {
            if (vs.offsetMs() != 0) {
                throw error(startOf(e), multiple);
            }
            return at(vs.withOffset(off), startOf(e));
        }
        if (e instanceof MatrixSelector ms) {
            if (ms.selector().offsetMs() != 0) {
                throw error(startOf(e), multiple);
            }
            return at(new MatrixSelector(ms.selector().withOffset(off), ms.rangeMs()), startOf(e));
        }
        if (e instanceof SubqueryExpr sq) {
            if (sq.offsetMs() != 0) {
                throw error(startOf(e), multiple);
            }
            return at(sq.withOffset(off), startOf(e));
        }
        throw error(startOf(e), "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private Expr atModifier(Expr e) {
        Token kw = next();
        AtModifier mod;
        Token t = peek();
        if (t.isWord("start") || t.isWord("end")) {
            next();
            expect(TokenType.LEFT_PAREN, "@", "timestamp");
            expect(TokenType.RIGHT_PAREN, "@", "timestamp");
            mod = t.isWord("start") ? AtModifier.START : AtModifier.END;
        } else {
            boolean negative = false;
            if (t.is(TokenType.SUB) || t.is(TokenType.ADD)) {
                negative = t.is(TokenType.SUB);
                next();
            }
            Token n = peek();
            if (!n.is(TokenType.NUMBER)) {
                throw unexpected(n, "@", "timestamp");
            }
            next();
            double secs = Numbers.parse(n.text()) * (negative ? -1 : 1);
            if (Double.isNaN(secs) || Double.isInfinite(secs) || Math.abs(secs) >= 9.223372036854775E15) {
                throw error(n.pos(), "timestamp out of bounds for @ modifier: " + Printer.number(secs));
            }
            mod = AtModifier.at(Math.round(secs * 1000));
        }
        String multiple = "@ <timestamp> may not be set multiple times";
        if (e instanceof VectorSelector vs) {
            if (vs.at().isSet()) {
                throw error(startOf(e), multiple);
            }
            return at(vs.withAt(mod), startOf(e));
        }
        if (e instanceof MatrixSelector ms) {
            if (ms.selector().at().isSet()) {
                throw error(startOf(e), multiple);
            }
            return at(new MatrixSelector(ms.selector().withAt(mod), ms.rangeMs()), startOf(e));
        }
        if (e instanceof SubqueryExpr sq) {
            if (sq.at().isSet()) {
                throw error(startOf(e), multiple);
            }
            return at(sq.withAt(mod), startOf(e));
        }
        throw error(startOf(e), "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case NUMBER -> {
                next();
                return at(new NumberLiteral(Numbers.parse(t.text())), t.pos());
            }
            case STRING -> {
                next();
                return at(new StringLiteral(t.text()), t.pos());
            }
            case LEFT_PAREN -> {
                next();
                Expr inner = expr(0);
                expect(TokenType.RIGHT_PAREN, "", "");
                return at(new ParenExpr(inner), t.pos());
            }
            case LEFT_BRACE -> {
                return selector("", t.pos());
            }
            case METRIC_IDENTIFIER -> {
                next();
                return selector(t.text(), t.pos());
            }
            case IDENTIFIER -> {
                return identifier(t);
            }
            default -> throw unexpected(t, "");
        }
    }

    private Expr identifier(Token t) {
        Optional<Aggregation> agg = Aggregation.byName(t.text());
        if (agg.isPresent()) {
            next();
            return aggregation(agg.get(), t);
        }
        if (peek(1).is(TokenType.LEFT_PAREN) && !isKeyword(t.text())) {
            next();
            return call(t);
        }
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
            next();
            return at(new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN), t.pos());
        }
        if (isKeyword(t.text())) {
            throw unexpected(t, "");
        }
        next();
        return selector(t.text(), t.pos());
    }

    private static boolean isKeyword(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right",
                    "bool", "offset" -> true;
            default -> false;
        };
    }

    private Expr call(Token name) {
        FunctionSignature fn = Functions.byName(name.text())
                .orElseThrow(() -> error(name.pos(), "unknown function with name " + Printer.quote(name.text())));
        expect(TokenType.LEFT_PAREN, "", "");
        List<Expr> args = arguments("");
        checkCall(fn, args, name.pos());
        return at(new Call(fn, args), name.pos());
    }

    private void checkCall(FunctionSignature fn, List<Expr> args, int pos) {
        int nargs = fn.argTypes().size();
        String q = Printer.quote(fn.name());
        if (fn.variadic() == 0) {
            if (nargs != args.size()) {
                throw error(pos, "expected " + nargs + " argument(s) in call to " + q + ", got " + args.size());
            }
        } else {
            int na = nargs - 1;
            if (na > args.size()) {
                throw error(pos, "expected at least " + na + " argument(s) in call to " + q + ", got " + args.size());
            }
            int max = na + fn.variadic();
            if (fn.variadic() > 0 && max < args.size()) {
                throw error(pos, "expected at most " + max + " argument(s) in call to " + q + ", got " + args.size());
            }
        }
        for (int k = 0; k < args.size(); k++) {
            int idx = Math.min(k, nargs - 1);
            expectType(args.get(k), fn.argTypes().get(idx), "call to function " + q);
        }
    }

    private void expectType(Expr e, ValueType want, String context) {
        if (e.type() != want) {
            throw error(startOf(e), "expected type " + want.documented() + " in " + context + ", got " + e.type().documented());
        }
    }

    private Expr aggregation(Aggregation op, Token name) {
        List<String> grouping = List.of();
        boolean without = false;
        boolean groupingSeen = false;
        if (peek().isWord("by") || peek().isWord("without")) {
            without = next().isWord("without");
            grouping = labelList("grouping opts");
            groupingSeen = true;
        }
        expect(TokenType.LEFT_PAREN, "aggregation", "");
        aggregationDepth++;
        List<Expr> args = arguments("aggregation");
        aggregationDepth--;
        if (!groupingSeen && (peek().isWord("by") || peek().isWord("without"))) {
            without = next().isWord("without");
            grouping = labelList("grouping opts");
        }
        int want = op.hasParam() ? 2 : 1;
        if (args.size() != want) {
            throw error(name.pos(), "wrong number of arguments for aggregate expression provided, expected " + want
                    + ", got " + args.size());
        }
        Expr arg = args.get(want - 1);
        expectType(arg, ValueType.VECTOR, "aggregation expression");
        Optional<Expr> param = Optional.empty();
        if (op.hasParam()) {
            expectType(args.get(0), op.paramType(), "aggregation parameter");
            param = Optional.of(args.get(0));
        }
        return at(new AggregateExpr(op, arg, param, grouping, without), name.pos());
    }

    /** Comma-separated arguments up to and including the closing parenthesis; no trailing comma. */
    private List<Expr> arguments(String context) {
        List<Expr> args = new ArrayList<>();
        while (!peek().is(TokenType.RIGHT_PAREN)) {
            if (peek().is(TokenType.COMMA)) {
                throw unexpected(peek(), context);
            }
            args.add(expr(0));
            if (peek().is(TokenType.COMMA)) {
                Token comma = next();
                if (peek().is(TokenType.RIGHT_PAREN)) {
                    throw error(comma.pos(), "trailing commas not allowed in function call args");
                }
            } else if (!peek().is(TokenType.RIGHT_PAREN)) {
                throw unexpected(peek(), context);
            }
        }
        next();
        return args;
    }

    /** {@code (a, b, ...)} with an optional trailing comma; keywords are valid label names here. */
    private List<String> labelList(String context) {
        expect(TokenType.LEFT_PAREN, context, "\"(\"");
        List<String> out = new ArrayList<>();
        while (!peek().is(TokenType.RIGHT_PAREN)) {
            Token l = peek();
            if (!l.is(TokenType.IDENTIFIER)) {
                throw ParseException.at(input, l.pos(), "unexpected " + l.describe() + " in " + context + ", expected label");
            }
            next();
            out.add(l.text());
            if (peek().is(TokenType.COMMA)) {
                next();
            } else if (!peek().is(TokenType.RIGHT_PAREN)) {
                throw ParseException.at(input, peek().pos(), "unexpected " + peek().describe() + " in " + context
                        + ", expected \",\" or \")\"");
            }
        }
        next();
        return out;
    }

    private Expr selector(String name, int pos) {
        List<LabelMatcher> matchers = new ArrayList<>();
        if (peek().is(TokenType.LEFT_BRACE)) {
            next();
            while (!peek().is(TokenType.RIGHT_BRACE)) {
                matchers.add(matcher());
                if (peek().is(TokenType.COMMA)) {
                    next();
                } else if (!peek().is(TokenType.RIGHT_BRACE)) {
                    throw ParseException.at(input, peek().pos(), "unexpected " + peek().describe()
                            + " in label matching, expected \",\" or \"}\"");
                }
            }
            next();
        }
        if (!name.isEmpty()) {
            for (LabelMatcher m : matchers) {
                if (m.name().equals(Labels.METRIC_NAME)) {
                    throw error(pos, "metric name must not be set twice: " + Printer.quote(name) + " or " + Printer.quote(m.value()));
                }
            }
            matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, name));
        }
        boolean nonEmpty = false;
        for (LabelMatcher m : matchers) {
            nonEmpty |= !m.matchesEmpty();
        }
        if (!nonEmpty) {
            throw error(pos, "vector selector must contain at least one non-empty matcher");
        }
        return at(new VectorSelector(name, matchers, 0, AtModifier.NONE), pos);
    }

    private LabelMatcher matcher() {
        Token l = peek();
        if (!l.is(TokenType.IDENTIFIER)) {
            throw ParseException.at(input, l.pos(), "unexpected " + l.describe() + " in label matching, expected identifier or \"}\"");
        }
        next();
        Token op = next();
        MatchType type = switch (op.type()) {
            case ASSIGN -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case EQL_REGEX -> MatchType.REGEX;
            case NEQ_REGEX -> MatchType.NOT_REGEX;
            default -> throw ParseException.at(input, op.pos(), "unexpected " + op.describe()
                    + " in label matching, expected label matching operator");
        };
        Token v = peek();
        if (!v.is(TokenType.STRING)) {
            throw ParseException.at(input, v.pos(), "unexpected " + v.describe() + " in label matching, expected string");
        }
        next();
        String value = v.text();
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            try {
                return new LabelMatcher(type, l.text(), value);
            } catch (RegexSyntaxException e) {
                throw ParseException.at(input, l.pos(), e.getMessage());
            }
        }
        return new LabelMatcher(type, l.text(), value);
    }

    private long duration(Token t) {
        try {
            long ms = Durations.parse(t.text());
            if (ms == 0) {
                throw error(t.pos(), "duration must be greater than 0");
            }
            return ms;
        } catch (IllegalArgumentException e) {
            throw error(t.pos(), e.getMessage());
        }
    }
}
