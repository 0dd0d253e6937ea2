package dev.vigil.logql.parser;

import dev.vigil.logql.parser.LabelFilterExpr.And;
import dev.vigil.logql.parser.LabelFilterExpr.BytesFilter;
import dev.vigil.logql.parser.LabelFilterExpr.DurationFilter;
import dev.vigil.logql.parser.LabelFilterExpr.NumericFilter;
import dev.vigil.logql.parser.LabelFilterExpr.Or;
import dev.vigil.logql.parser.LabelFilterExpr.StringFilter;
import dev.vigil.model.regex.GoRegexp;
import dev.vigil.model.regex.RegexSyntaxException;
import dev.vigil.logql.format.Template;
import dev.vigil.logql.format.TemplateFormatException;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Recursive-descent LogQL parser. Binary operators follow PromQL precedence ({@code ^} over
 * {@code * / %} over {@code + -} over comparisons over {@code and unless} over {@code or}); the
 * semantic rules Loki checks at parse time (a non-empty matcher in every selector, which range
 * functions need or refuse {@code unwrap} and grouping, required parameters) are checked here too,
 * so a query that parses can be evaluated.
 */
public final class Parser {
    /** Setting {@code vigil.query.max-nesting-depth} (a JVM system property), 256 unless set. */
    public static final int MAX_NESTING_DEPTH = Integer.getInteger("vigil.query.max-nesting-depth", 256);
    /** Nesting so far (parentheses, calls, binary operators). */
    private int depth;
    private static final Set<String> KEYWORDS = Set.of("by", "without", "and", "or", "unless", "bool", "on", "ignoring",
            "group_left", "group_right", "offset", "json", "logfmt", "regexp", "pattern", "unpack", "line_format",
            "label_format", "drop", "keep", "decolorize", "unwrap");
    private static final String EMPTY_SELECTOR = "queries require at least one regexp or equality matcher that does not"
            + " have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will";

    private final List<Token> tokens;
    private int pos;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole query. */
    public static Expr parse(String query) {
        Parser p = new Parser(Lexer.tokenize(query));
        Expr e = p.expr(0);
        p.expect(TokenType.EOF, null);
        return e;
    }

    // ---- token helpers ----

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int k) {
        return tokens.get(Math.min(pos + k, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type() != TokenType.EOF) {
            pos++;
        }
        return t;
    }

    private Token expect(TokenType type, String expecting) {
        Token t = peek();
        if (t.type() != type) {
            throw unexpected(t, expecting != null ? expecting : type.display());
        }
        return next();
    }

    private void expectWord(String word) {
        if (!peek().isWord(word)) {
            throw unexpected(peek(), word);
        }
        next();
    }

    private static ParseException unexpected(Token t, String expecting) {
        String what = t.type() == TokenType.EOF ? "$end" : t.type().display();
        if (t.type() == TokenType.IDENTIFIER && isKeyword(t.text())) {
            what = t.text();
        }
        return new ParseException("syntax error: unexpected " + what + (expecting == null ? "" : ", expecting " + expecting),
                t.line(), t.column());
    }

    private static boolean isKeyword(String w) {
        return RangeFunctions.contains(w) || VectorAggregations.contains(w) || KEYWORDS.contains(w);
    }

    // ---- expressions ----

    private static int precedence(Token t) {
        return switch (t.type()) {
            case POW -> 6;
            case MUL, DIV, MOD -> 5;
            case ADD, SUB -> 4;
            case CMP_EQ, NEQ, GT, GTE, LT, LTE -> 3;
            case IDENTIFIER -> switch (t.text()) {
                case "and", "unless" -> 2;
                case "or" -> 1;
                default -> -1;
            };
            default -> -1;
        };
    }

    private Expr expr(int minPrec) {
        int outer = depth;
        try {
            return binaryChain(minPrec);
        } finally {
            depth = outer;
        }
    }

    /** Refuses nesting deeper than {@link #MAX_NESTING_DEPTH} before it could exhaust the thread's stack. */
    private void nest() {
        if (++depth > MAX_NESTING_DEPTH) {
            Token t = peek();
            throw new ParseException("expression nested too deeply: more than " + MAX_NESTING_DEPTH
                    + " levels (vigil.query.max-nesting-depth)", t.line(), t.column());
        }
    }

    private Expr binaryChain(int minPrec) {
        nest();
        Expr lhs = unary();
        while (true) {
            Token opTok = peek();
            int prec = precedence(opTok);
            if (prec < 0 || prec < minPrec) {
                return lhs;
            }
            nest(); // each operator of a chain nests the tree one level deeper
            next();
            String op = opTok.type() == TokenType.IDENTIFIER ? opTok.text() : opTok.type().display();
            boolean returnBool = false;
            if (peek().isWord("bool")) {
                next();
                returnBool = true;
            }
            VectorMatching matching = matching(op);
            Expr rhs = expr(opTok.type() == TokenType.POW ? prec : prec + 1);
            lhs = binary(op, lhs, rhs, returnBool, matching, opTok);
        }
    }

    private VectorMatching matching(String op) {
        boolean set = op.equals("and") || op.equals("or") || op.equals("unless");
        VectorMatching.Cardinality card = set ? VectorMatching.Cardinality.MANY_TO_MANY : VectorMatching.Cardinality.ONE_TO_ONE;
        boolean on = false;
        List<String> labels = List.of();
        if (peek().isWord("on") || peek().isWord("ignoring")) {
            on = next().text().equals("on");
            labels = labelList();
        }
        List<String> include = List.of();
        if (peek().isWord("group_left") || peek().isWord("group_right")) {
            Token g = next();
            if (set) {
                throw new ParseException("no grouping allowed for \"" + op + "\" operation", g.line(), g.column());
            }
            card = g.text().equals("group_left") ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
            if (peek().is(TokenType.OPEN_PAREN)) {
                include = labelList();
            }
        }
        return new VectorMatching(card, on, labels, include);
    }

    private Expr binary(String op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, Token at) {
        if (!(lhs instanceof SampleExpr l) || !(rhs instanceof SampleExpr r)) {
            throw new ParseException("syntax error: unexpected " + at.type().display() + ", binary operations require metric"
                    + " queries on both sides (a log query needs a range function, e.g. count_over_time(...[1m]))",
                    at.line(), at.column());
        }
        BinaryOpExpr e = new BinaryOpExpr(op, l, r, returnBool, matching);
        if (returnBool && !e.isComparison()) {
            throw new ParseException("bool modifier can only be used on comparison operators", at.line(), at.column());
        }
        boolean lScalar = l instanceof LiteralExpr;
        boolean rScalar = r instanceof LiteralExpr;
        if (e.isSetOperator() && (lScalar || rScalar)) {
            throw new ParseException("set operator " + op + " not allowed in binary scalar expression", at.line(), at.column());
        }
        return e;
    }

    private Expr unary() {
        Token t = peek();
        if ((t.is(TokenType.SUB) || t.is(TokenType.ADD)) && peek(1).is(TokenType.NUMBER)) {
            next();
            double v = number(next());
            return new LiteralExpr(t.is(TokenType.SUB) ? -v : v);
        }
        return primary();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case OPEN_PAREN -> {
                next();
                Expr e = expr(0);
                expect(TokenType.CLOSE_PAREN, ")");
                return e;
            }
            case OPEN_BRACE -> {
                List<LabelMatcher> matchers = selector();
                LogSelectorExpr sel = new LogSelectorExpr(matchers, pipeline(false).stages());
                if (peek().is(TokenType.OPEN_BRACKET)) {
                    throw unexpected(peek(), "a range function around the range, e.g. count_over_time({...}[1m])");
                }
                return sel;
            }
            case NUMBER -> {
                next();
                return new LiteralExpr(number(t));
            }
            case IDENTIFIER -> {
                String w = t.text();
                Optional<RangeFunctions.Signature> range = RangeFunctions.find(w);
                if (range.isPresent()) {
                    return rangeAggregation(range.get());
                }
                Optional<VectorAggregations.Signature> aggregation = VectorAggregations.find(w);
                if (aggregation.isPresent()) {
                    return vectorAggregation(aggregation.get());
                }
                if (w.equals("vector")) {
                    next();
                    expect(TokenType.OPEN_PAREN, "(");
                    Expr inner = unary();
                    expect(TokenType.CLOSE_PAREN, ")");
                    if (!(inner instanceof LiteralExpr lit)) {
                        throw new ParseException("vector() takes a number", t.line(), t.column());
                    }
                    return new VectorExpr(lit.value());
                }
                if (w.equals("label_replace")) {
                    return labelReplace();
                }
                throw unexpected(t, null);
            }
            default -> throw unexpected(t, null);
        }
    }

    private static double number(Token t) {
        String s = t.text();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            return Long.parseLong(s.substring(2), 16);
        }
        return Double.parseDouble(s);
    }

    private Expr labelReplace() {
        next();
        expect(TokenType.OPEN_PAREN, "(");
        Expr inner = expr(0);
        if (!(inner instanceof SampleExpr s)) {
            throw unexpected(peek(), "[");
        }
        String[] args = new String[4];
        for (int i = 0; i < 4; i++) {
            expect(TokenType.COMMA, ",");
            args[i] = expect(TokenType.STRING, "STRING").text();
        }
        Token close = expect(TokenType.CLOSE_PAREN, ")");
        try {
            GoRegexp.anchored(args[3]);
        } catch (RegexSyntaxException e) {
            throw new ParseException(e.getMessage(), close.line(), close.column());
        }
        return new LabelReplaceExpr(s, args[0], args[1], args[2], args[3]);
    }

    private Expr vectorAggregation(VectorAggregations.Signature sig) {
        Token opTok = next();
        String op = opTok.text();
        Optional<Grouping> grouping = Optional.empty();
        if (peek().isWord("by") || peek().isWord("without")) {
            grouping = Optional.of(grouping());
        }
        expect(TokenType.OPEN_PAREN, "(");
        OptionalDouble param = OptionalDouble.empty();
        if (sig.parameter()) {
            Token p = expect(TokenType.NUMBER, "NUMBER");
            double k = number(p);
            if (k != Math.rint(k) || k <= 0) {
                throw new ParseException("invalid parameter for operation " + op + ": " + p.text()
                        + " (must be a positive integer)", p.line(), p.column());
            }
            param = OptionalDouble.of(k);
            expect(TokenType.COMMA, ",");
        }
        Expr inner = expr(0);
        if (!(inner instanceof SampleExpr s)) {
            throw unexpected(peek(), "[");
        }
        expect(TokenType.CLOSE_PAREN, ")");
        if (grouping.isEmpty() && (peek().isWord("by") || peek().isWord("without"))) {
            grouping = Optional.of(grouping());
        }
        if (!sig.grouping() && grouping.isPresent()) {
            throw new ParseException("grouping not allowed for " + op + " aggregation", opTok.line(), opTok.column());
        }
        return new VectorAggregationExpr(op, s, param, grouping);
    }

    private Grouping grouping() {
        boolean without = next().text().equals("without");
        return new Grouping(without, labelList());
    }

    private List<String> labelList() {
        expect(TokenType.OPEN_PAREN, "(");
        List<String> out = new ArrayList<>();
        if (!peek().is(TokenType.CLOSE_PAREN)) {
            out.add(expect(TokenType.IDENTIFIER, "IDENTIFIER").text());
            while (peek().is(TokenType.COMMA)) {
                next();
                out.add(expect(TokenType.IDENTIFIER, "IDENTIFIER").text());
            }
        }
        expect(TokenType.CLOSE_PAREN, ")");
        return out;
    }

    private Expr rangeAggregation(RangeFunctions.Signature sig) {
        Token opTok = next();
        String op = opTok.text();
        expect(TokenType.OPEN_PAREN, "(");
        OptionalDouble param = OptionalDouble.empty();
        if (peek().is(TokenType.NUMBER)) {
            Token p = next();
            param = OptionalDouble.of(number(p));
            expect(TokenType.COMMA, ",");
            if (!sig.parameter()) {
                throw new ParseException("parameter " + p.text() + " not supported for operation " + op);
            }
        } else if (sig.parameter()) {
            throw new ParseException("parameter required for operation " + op);
        }
        LogRange range = logRange();
        expect(TokenType.CLOSE_PAREN, ")");
        Optional<Grouping> grouping = Optional.empty();
        if (peek().isWord("by") || peek().isWord("without")) {
            grouping = Optional.of(grouping());
        }
        if (grouping.isPresent() && !sig.grouping()) {
            throw new ParseException("grouping not allowed for " + op + " aggregation");
        }
        if (range.unwrap().isPresent() && sig.unwrap() == RangeFunctions.Unwrap.FORBIDDEN) {
            throw new ParseException("invalid aggregation " + op + " with unwrap");
        }
        if (range.unwrap().isEmpty() && sig.unwrap() == RangeFunctions.Unwrap.REQUIRED) {
            throw new ParseException("invalid aggregation " + op + " without unwrap");
        }
        return new RangeAggregationExpr(op, range, param, grouping);
    }

    private LogRange logRange() {
        if (peek().is(TokenType.OPEN_PAREN)) {
            next();
            LogRange inner = logRange();
            expect(TokenType.CLOSE_PAREN, ")");
            return inner;
        }
        if (!peek().is(TokenType.OPEN_BRACE)) {
            throw unexpected(peek(), "{");
        }
        long range = -1;
        List<LabelMatcher> matchers = selector();
        if (peek().is(TokenType.OPEN_BRACKET)) {
            range = rangeDuration();
        }
        PipelineResult pr = pipeline(true);
        if (range < 0) {
            if (!peek().is(TokenType.OPEN_BRACKET)) {
                throw unexpected(peek(), "[");
            }
            range = rangeDuration();
        }
        long offset = 0;
        if (peek().isWord("offset")) {
            next();
            boolean neg = false;
            if (peek().is(TokenType.SUB)) {
                next();
                neg = true;
            }
            Token d = expect(TokenType.DURATION, "DURATION");
            offset = Units.parseDuration(d.text()).orElseThrow();
            offset = neg ? -offset : offset;
        }
        return new LogRange(new LogSelectorExpr(matchers, pr.stages()), range, offset, pr.unwrap());
    }

    private long rangeDuration() {
        expect(TokenType.OPEN_BRACKET, "[");
        Token d = expect(TokenType.DURATION, "DURATION");
        long nanos = Units.parseDuration(d.text()).orElseThrow();
        if (nanos <= 0) {
            throw new ParseException("range must be positive: " + d.text(), d.line(), d.column());
        }
        expect(TokenType.CLOSE_BRACKET, "]");
        return nanos;
    }

    // ---- log selector and pipeline ----

    /** The stages after a selector, and the unwrap that ends them in a log range. */
    private record PipelineResult(List<Stage> stages, Optional<Unwrap> unwrap) {
    }

    private List<LabelMatcher> selector() {
        Token open = expect(TokenType.OPEN_BRACE, "{");
        List<LabelMatcher> out = new ArrayList<>();
        out.add(matcher());
        while (peek().is(TokenType.COMMA)) {
            next();
            out.add(matcher());
        }
        expect(TokenType.CLOSE_BRACE, ", or }");
        if (out.stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw new ParseException(EMPTY_SELECTOR);
        }
        return out;
    }

    private LabelMatcher matcher() {
        Token name = expect(TokenType.IDENTIFIER, "IDENTIFIER");
        Token op = next();
        MatchType type = switch (op.type()) {
            case EQ -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case RE -> MatchType.REGEX;
            case NRE -> MatchType.NOT_REGEX;
            default -> throw unexpected(op, "= or =~ or != or !~");
        };
        Token value = expect(TokenType.STRING, "STRING");
        return newMatcher(type, name.text(), value);
    }

    private static LabelMatcher newMatcher(MatchType type, String name, Token value) {
        try {
            return new LabelMatcher(type, name, value.text());
        } catch (RegexSyntaxException e) {
            throw new ParseException(e.getMessage(), value.line(), value.column());
        }
    }

    private PipelineResult pipeline(boolean allowUnwrap) {
        List<Stage> stages = new ArrayList<>();
        while (true) {
            Token t = peek();
            Stage.LineFilterOp lf = lineFilterOp(t);
            if (lf != null) {
                next();
                stages.add(lineFilter(lf));
                continue;
            }
            if (!t.is(TokenType.PIPE)) {
                return new PipelineResult(stages, Optional.empty());
            }
            next();
            Token s = peek();
            if (!s.is(TokenType.IDENTIFIER) || isComparison(peek(1))) {
                stages.add(new Stage.LabelFilter(labelFilterOr()));
            } else if (s.text().equals("unwrap")) {
                if (!allowUnwrap) {
                    throw unexpected(s, null);
                }
                next();
                return new PipelineResult(stages, Optional.of(unwrap(unwrapHead())));
            } else {
                stages.add(namedStage(s));
            }
        }
    }

    private static Stage.LineFilterOp lineFilterOp(Token t) {
        return switch (t.type()) {
            case PIPE_EXACT -> Stage.LineFilterOp.CONTAINS;
            case NEQ -> Stage.LineFilterOp.NOT_CONTAINS;
            case PIPE_MATCH -> Stage.LineFilterOp.MATCHES;
            case NRE -> Stage.LineFilterOp.NOT_MATCHES;
            default -> null;
        };
    }

    /** A stage that starts with its name: a parser, a formatter, drop or keep. */
    private Stage namedStage(Token s) {
        return switch (s.text()) {
            case "json" -> json();
            case "logfmt" -> logfmt();
            case "regexp" -> regexpParser();
            case "pattern" -> pattern();
            case "unpack" -> {
                next();
                yield new Stage.Unpack();
            }
            case "decolorize" -> {
                next();
                yield new Stage.Decolorize();
            }
            case "line_format" -> lineFormat();
            case "label_format" -> labelFormat();
            case "drop" -> {
                next();
                yield new Stage.Drop(labelSpecs());
            }
            case "keep" -> {
                next();
                yield new Stage.Keep(labelSpecs());
            }
            default -> throw unexpected(s, null);
        };
    }

    /**
     * What follows {@code | unwrap label}: only label filters, which drop samples whose labels do
     * not match; a line filter there is a syntax error, as in Loki.
     */
    private Unwrap unwrap(Unwrap head) {
        List<LabelFilterExpr> post = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (lineFilterOp(t) != null) {
                throw unexpected(t, "| or [");
            }
            if (!t.is(TokenType.PIPE)) {
                return new Unwrap(head.label(), head.conversion(), post);
            }
            next();
            post.add(labelFilterOr());
        }
    }

    private Stage json() {
        next();
        List<Stage.Extraction> params = extractions();
        params.forEach(x -> JsonPath.parse(x.expression()));
        return new Stage.Json(params);
    }

    private Stage regexpParser() {
        next();
        Token re = expect(TokenType.STRING, "STRING");
        GoRegexp g = regex(re);
        if (!hasNamedGroup(g)) {
            throw new ParseException("invalid regex " + re.text() + ": at least one named capture must be supplied",
                    re.line(), re.column());
        }
        return new Stage.Regexp(re.text());
    }

    private Stage pattern() {
        next();
        Token p = expect(TokenType.STRING, "STRING");
        LinePattern.parse(p.text());
        return new Stage.Pattern(p.text());
    }

    private Stage lineFormat() {
        next();
        Token tpl = expect(TokenType.STRING, "STRING");
        checkTemplate(tpl);
        return new Stage.LineFormat(tpl.text());
    }

    private static boolean isComparison(Token t) {
        return switch (t.type()) {
            case EQ, NEQ, RE, NRE, CMP_EQ, GT, GTE, LT, LTE -> true;
            default -> false;
        };
    }

    private Stage.LineFilter lineFilter(Stage.LineFilterOp op) {
        List<String> alts = new ArrayList<>();
        alts.add(lineFilterValue(op));
        while (peek().isWord("or") && peek(1).is(TokenType.STRING)) {
            next();
            alts.add(lineFilterValue(op));
        }
        return new Stage.LineFilter(op, alts);
    }

    private String lineFilterValue(Stage.LineFilterOp op) {
        Token v = expect(TokenType.STRING, "STRING");
        if (op.regex()) {
            regex(v);
        }
        return v.text();
    }

    private Unwrap unwrapHead() {
        Token t = expect(TokenType.IDENTIFIER, "IDENTIFIER");
        if (peek().is(TokenType.OPEN_PAREN)) {
            Unwrap.Conversion c = switch (t.text()) {
                case "duration" -> Unwrap.Conversion.DURATION;
                case "duration_seconds" -> Unwrap.Conversion.DURATION_SECONDS;
                case "bytes" -> Unwrap.Conversion.BYTES;
                default -> throw new ParseException("unsupported conversion operation " + t.text(), t.line(), t.column());
            };
            next();
            String label = expect(TokenType.IDENTIFIER, "IDENTIFIER").text();
            expect(TokenType.CLOSE_PAREN, ")");
            return new Unwrap(label, c, List.of());
        }
        return new Unwrap(t.text(), Unwrap.Conversion.FLOAT, List.of());
    }

    private List<Stage.Extraction> extractions() {
        List<Stage.Extraction> out = new ArrayList<>();
        while (peek().is(TokenType.IDENTIFIER) && !isKeyword(peek().text())) {
            Token name = next();
            String expr = name.text();
            if (peek().is(TokenType.EQ)) {
                next();
                expr = expect(TokenType.STRING, "STRING").text();
            }
            out.add(new Stage.Extraction(name.text(), expr));
            if (!peek().is(TokenType.COMMA)) {
                break;
            }
            next();
        }
        return out;
    }

    private Stage logfmt() {
        next();
        boolean strict = false;
        boolean keepEmpty = false;
        while (peek().is(TokenType.SUB) && peek(1).is(TokenType.SUB)) {
            next();
            next();
            Token f = expect(TokenType.IDENTIFIER, "strict or keep-empty");
            if (f.text().equals("strict")) {
                strict = true;
            } else if (f.text().equals("keep") && peek().is(TokenType.SUB) && peek(1).isWord("empty")) {
                next();
                next();
                keepEmpty = true;
            } else {
                throw unexpected(f, "strict or keep-empty");
            }
        }
        return new Stage.Logfmt(extractions(), strict, keepEmpty);
    }

    private Stage labelFormat() {
        next();
        List<Stage.LabelFormatItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            if (!items.isEmpty()) {
                next();
            }
            Token dst = expect(TokenType.IDENTIFIER, "IDENTIFIER");
            expect(TokenType.EQ, "=");
            Token v = next();
            if (v.is(TokenType.IDENTIFIER)) {
                items.add(new Stage.LabelFormatItem(dst.text(), true, v.text()));
            } else if (v.is(TokenType.STRING)) {
                checkTemplate(v);
                items.add(new Stage.LabelFormatItem(dst.text(), false, v.text()));
            } else {
                throw unexpected(v, "IDENTIFIER or STRING");
            }
            if (dst.text().equals("__error__")) {
                throw new ParseException("__error__ cannot be formatted", dst.line(), dst.column());
            }
            if (!seen.add(dst.text())) {
                throw new ParseException("multiple label name '" + dst.text() + "' not allowed in a single format operation",
                        dst.line(), dst.column());
            }
        } while (peek().is(TokenType.COMMA));
        return new Stage.LabelFormat(items);
    }

    private static GoRegexp regex(Token t) {
        try {
            return GoRegexp.compile(t.text());
        } catch (RegexSyntaxException e) {
            throw new ParseException(e.getMessage(), t.line(), t.column());
        }
    }

    private static boolean hasNamedGroup(GoRegexp re) {
        for (int i = 1; i <= re.groupCount(); i++) {
            if (!re.groupName(i).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void checkTemplate(Token t) {
        try {
            Template.parse(t.text());
        } catch (TemplateFormatException e) {
            throw new ParseException(e.getMessage(), t.line(), t.column());
        }
    }

    private List<Stage.LabelSpec> labelSpecs() {
        List<Stage.LabelSpec> out = new ArrayList<>();
        do {
            if (!out.isEmpty()) {
                next();
            }
            Token name = expect(TokenType.IDENTIFIER, "IDENTIFIER");
            Optional<LabelMatcher> m = Optional.empty();
            MatchType type = switch (peek().type()) {
                case EQ -> MatchType.EQUAL;
                case NEQ -> MatchType.NOT_EQUAL;
                case RE -> MatchType.REGEX;
                case NRE -> MatchType.NOT_REGEX;
                default -> null;
            };
            if (type != null) {
                next();
                m = Optional.of(newMatcher(type, name.text(), expect(TokenType.STRING, "STRING")));
            }
            out.add(new Stage.LabelSpec(name.text(), m));
        } while (peek().is(TokenType.COMMA));
        return out;
    }

    // ---- label filters ----

    private LabelFilterExpr labelFilterOr() {
        LabelFilterExpr l = labelFilterAnd();
        while (peek().isWord("or")) {
            next();
            l = new Or(l, labelFilterAnd());
        }
        return l;
    }

    private LabelFilterExpr labelFilterAnd() {
        LabelFilterExpr l = labelFilterPrimary();
        while (true) {
            if (peek().isWord("and") || peek().is(TokenType.COMMA)) {
                next();
                l = new And(l, labelFilterPrimary());
            } else if ((peek().is(TokenType.IDENTIFIER) && !peek().isWord("or") && !peek().isWord("offset")
                    && isComparison(peek(1))) || peek().is(TokenType.OPEN_PAREN)) {
                l = new And(l, labelFilterPrimary());
            } else {
                return l;
            }
        }
    }

    private LabelFilterExpr labelFilterPrimary() {
        if (peek().is(TokenType.OPEN_PAREN)) {
            next();
            LabelFilterExpr e = labelFilterOr();
            expect(TokenType.CLOSE_PAREN, ")");
            return e;
        }
        Token name = expect(TokenType.IDENTIFIER, "IDENTIFIER");
        Token op = next();
        if (!isComparison(op)) {
            throw unexpected(op, "= or =~ or != or !~ or == or > or >= or < or <=");
        }
        boolean neg = false;
        if (peek().is(TokenType.SUB)) {
            next();
            neg = true;
        }
        Token v = next();
        if (v.is(TokenType.STRING) && !neg) {
            MatchType type = switch (op.type()) {
                case EQ, CMP_EQ -> MatchType.EQUAL;
                case NEQ -> MatchType.NOT_EQUAL;
                case RE -> MatchType.REGEX;
                case NRE -> MatchType.NOT_REGEX;
                default -> throw unexpected(v, "NUMBER or DURATION or BYTES");
            };
            return new StringFilter(newMatcher(type, name.text(), v));
        }
        CompareOp cmp = switch (op.type()) {
            case EQ, CMP_EQ -> CompareOp.EQ;
            case NEQ -> CompareOp.NEQ;
            case GT -> CompareOp.GT;
            case GTE -> CompareOp.GTE;
            case LT -> CompareOp.LT;
            case LTE -> CompareOp.LTE;
            default -> throw unexpected(v, "STRING");
        };
        double sign = neg ? -1 : 1;
        return switch (v.type()) {
            case NUMBER -> new NumericFilter(name.text(), cmp, sign * number(v));
            case DURATION -> new DurationFilter(name.text(), cmp, (long) sign * Units.parseDuration(v.text()).orElseThrow());
            case BYTES -> new BytesFilter(name.text(), cmp, sign * Units.parseBytes(v.text()).orElseThrow());
            default -> throw unexpected(v, "STRING or NUMBER or DURATION or BYTES");
        };
    }
}
