package dev.vigil.gotemplate;

/**
 * A template that cannot be parsed or executed. The message follows Go's form:
 * {@code template: NAME:LINE:COL: what went wrong}.
 */
public class TemplateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
