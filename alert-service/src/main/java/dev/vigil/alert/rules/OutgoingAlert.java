package dev.vigil.alert.rules;

import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.Map;

/**
 * An alert to post to the routing engine, as Prometheus sends it to Alertmanager: starts when it
 * fired, ends when it resolved or, while firing, at {@code validUntil} (four evaluation or resend
 * periods ahead) so that a dead evaluator lets it time out.
 */
public record OutgoingAlert(Labels labels, Map<String, String> annotations, Instant startsAt, Instant endsAt, String generatorUrl) {
    public OutgoingAlert {
        annotations = Map.copyOf(annotations);
    }
}
