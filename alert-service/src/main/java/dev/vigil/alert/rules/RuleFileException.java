package dev.vigil.alert.rules;

import java.util.List;

/** A rule file with errors; {@link #errors()} lists each in promtool's wording, the message joins them. */
public class RuleFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> errors;

    public RuleFileException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
