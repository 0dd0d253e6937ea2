package dev.vigil.promql.parser;

/** Kinds of lexical tokens; keywords are {@link #IDENTIFIER}s told apart by the parser. */
enum TokenType {
    IDENTIFIER, METRIC_IDENTIFIER, NUMBER, DURATION, STRING,
    LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET,
    COMMA, COLON, ASSIGN, AT,
    ADD, SUB, MUL, DIV, MOD, POW,
    EQLC, NEQ, LTE, LSS, GTE, GTR, EQL_REGEX, NEQ_REGEX,
    EOF, ERROR;

    boolean isOperator() {
        return ordinal() >= ADD.ordinal() && ordinal() <= NEQ_REGEX.ordinal() || this == AT;
    }
}
