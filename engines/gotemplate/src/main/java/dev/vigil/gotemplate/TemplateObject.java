package dev.vigil.gotemplate;

import java.util.List;
import java.util.Optional;

/**
 * A value that templates can navigate with fields and methods ({@code .Alerts.Firing},
 * {@code .CommonLabels.Remove .GroupLabels.Names}), the way Go templates call struct fields and
 * methods. Plain {@code Map}s, {@code List}s, strings, numbers and booleans need no wrapper.
 */
public interface TemplateObject {

    /**
     * The value of a field or the result of a method called with {@code args}; empty when this
     * object has no member of that name.
     */
    Optional<Object> member(String name, List<Object> args);
}
