package dev.vigil.alert.config.am;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded and validated alertmanager.yml. Build one with {@link AlertmanagerConfigLoader}.
 * {@code templateFiles} are the glob patterns of the {@code templates} section, unresolved.
 */
public record AlertmanagerConfig(
        GlobalConfig global,
        RouteConfig route,
        List<InhibitRuleConfig> inhibitRules,
        List<ReceiverConfig> receivers,
        Map<String, TimeInterval> timeIntervals,
        List<String> templateFiles) {

    public AlertmanagerConfig {
        inhibitRules = List.copyOf(inhibitRules);
        receivers = List.copyOf(receivers);
        timeIntervals = Map.copyOf(timeIntervals);
        templateFiles = List.copyOf(templateFiles);
    }

    /** The receiver of that name, if configured. */
    public Optional<ReceiverConfig> receiver(String name) {
        return receivers.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
