package dev.vigil.logql.parser;

/** Kinds of LogQL tokens; {@link #display} is how syntax errors name them, as Loki's grammar does. */
public enum TokenType {
    IDENTIFIER("IDENTIFIER"), STRING("STRING"), NUMBER("NUMBER"), DURATION("DURATION"), BYTES("BYTES"),
    OPEN_BRACE("{"), CLOSE_BRACE("}"), OPEN_PAREN("("), CLOSE_PAREN(")"), OPEN_BRACKET("["), CLOSE_BRACKET("]"),
    COMMA(","), DOT("."),
    EQ("="), NEQ("!="), RE("=~"), NRE("!~"), PIPE_EXACT("|="), PIPE_MATCH("|~"), PIPE("|"),
    CMP_EQ("=="), GT(">"), GTE(">="), LT("<"), LTE("<="),
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"), POW("^"),
    EOF("$end");

    private final String display;

    TokenType(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
