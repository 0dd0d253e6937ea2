package dev.vigil.gotemplate;

/** Go's text/template escaping functions, for callers that escape values before a template sees them. */
public final class GoEscaping {
    private GoEscaping() {
    }

    /** Go's {@code template.HTMLEscapeString}: what html/template prints for a value in HTML text. */
    public static String html(String s) {
        return Builtins.htmlEscape(s);
    }
}
