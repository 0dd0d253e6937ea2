package dev.vigil.logql.format;

import dev.vigil.logql.LogqlException;

/**
 * A template that does not parse (reported when the query is parsed, as Loki does) or that fails
 * while rendering one line (the pipeline turns that into {@code __error__="TemplateFormatErr"}).
 */
public final class TemplateFormatException extends LogqlException {
    public TemplateFormatException(String message) {
        super(message);
    }
}
