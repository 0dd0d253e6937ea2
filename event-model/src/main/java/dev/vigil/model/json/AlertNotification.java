package dev.vigil.model.json;

import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload, version 4, exactly: what webhook receivers get and what
 * {@code vigil.alerts} carries for downstream consumers.
 */
public record AlertNotification(String receiver, String status, List<Alert> alerts,
                                Map<String, String> groupLabels, Map<String, String> commonLabels,
                                Map<String, String> commonAnnotations, String externalURL,
                                String version, String groupKey, int truncatedAlerts) {

    /** One alert of the notification; times are RFC 3339 strings as Alertmanager writes them. */
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations,
                        String startsAt, String endsAt, String generatorURL, String fingerprint) {
    }
}
