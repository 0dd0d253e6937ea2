package dev.vigil.gotemplate;

import java.util.List;

/**
 * A function callable from templates. Arguments arrive evaluated (the piped value last); throw
 * {@link IllegalArgumentException} for bad arguments, and the executor reports it with the position.
 */
@FunctionalInterface
public interface TemplateFunction {
    Object apply(List<Object> args);
}
