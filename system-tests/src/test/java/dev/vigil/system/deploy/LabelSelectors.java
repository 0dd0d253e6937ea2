package dev.vigil.system.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Label selectors as the API server applies them: every matchLabels entry and every matchExpressions
 * requirement must hold, so {} selects everything; a missing selector selects nothing.
 */
final class LabelSelectors {

    private LabelSelectors() {
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean byLabels = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        return byLabels && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
                .allMatch(r -> matches(r, labels));
    }

    private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
        List<String> values = Optional.ofNullable(r.getValues()).orElse(List.of());
        return switch (r.getOperator()) {
            case "In" -> labels.containsKey(r.getKey()) && values.contains(labels.get(r.getKey()));
            case "NotIn" -> !labels.containsKey(r.getKey()) || !values.contains(labels.get(r.getKey()));
            case "Exists" -> labels.containsKey(r.getKey());
            case "DoesNotExist" -> !labels.containsKey(r.getKey());
            default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
        };
    }
}
