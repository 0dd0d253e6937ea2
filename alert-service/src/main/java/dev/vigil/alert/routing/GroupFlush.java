package dev.vigil.alert.routing;

import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.List;

/**
 * One flush of an aggregation group: everything the notification pipeline needs. {@code alerts}
 * are sorted as Alertmanager sorts them; whether each is firing or resolved is judged at {@code now}.
 */
public record GroupFlush(String groupKey, Route route, Labels groupLabels, List<Alert> alerts, Instant now) {

    public GroupFlush {
        alerts = List.copyOf(alerts);
    }
}
