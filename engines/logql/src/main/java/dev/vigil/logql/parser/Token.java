package dev.vigil.logql.parser;

/**
 * One lexical token. {@code text} is the decoded value for strings and the source text otherwise;
 * {@code line} and {@code column} are 1-based and point at the token's first character.
 */
public record Token(TokenType type, String text, int line, int column) {
    boolean is(TokenType t) {
        return type == t;
    }

    /** True for an identifier spelled {@code word} (LogQL keywords are plain identifiers). */
    boolean isWord(String word) {
        return type == TokenType.IDENTIFIER && text.equals(word);
    }
}
