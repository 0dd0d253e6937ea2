package dev.vigil.collector.scrape;

/** A scrape body that is not valid in its format; the message names the line and what was wrong. */
public final class ExpositionParseException extends Exception {
    private final int line;

    public ExpositionParseException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line the error was found on. */
    public int line() {
        return line;
    }
}
