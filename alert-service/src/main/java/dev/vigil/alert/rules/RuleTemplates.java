package dev.vigil.alert.rules;

import dev.vigil.alert.template.TemplateException;
import dev.vigil.alert.template.TemplateSet;
import dev.vigil.model.Labels;
import java.util.Map;

/**
 * Expands alert label and annotation templates as Prometheus does: the text runs with
 * {@code $labels}, {@code $externalLabels}, {@code $externalURL} and {@code $value} predefined,
 * and a failure yields {@code <error expanding template: ...>} instead of failing the rule.
 */
public final class RuleTemplates {
    private static final String DEFS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private final TemplateSet set = new TemplateSet();
    private final Map<String, String> externalLabels;
    private final String externalUrl;

    public RuleTemplates(Map<String, String> externalLabels, String externalUrl) {
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalUrl = externalUrl;
    }

    /** Expands {@code text} for one alert of rule {@code ruleName}. */
    public String expand(String ruleName, String text, Labels labels, double value) {
        Map<String, Object> data = Map.of("Labels", labels.toMap(), "ExternalLabels", externalLabels,
                "ExternalURL", externalUrl, "Value", value);
        try {
            return set.expand("__alert_" + ruleName, DEFS + text, data);
        } catch (TemplateException e) {
            return "<error expanding template: " + e.getMessage() + ">";
        }
    }

    /** Throws {@link TemplateException} when {@code text} does not parse. */
    public void check(String ruleName, String text) {
        set.check("__alert_" + ruleName, DEFS + text);
    }
}
