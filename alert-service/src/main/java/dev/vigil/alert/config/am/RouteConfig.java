package dev.vigil.alert.config.am;

import dev.vigil.model.LabelMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A route node as written in the file: unset fields are empty and are inherited from the parent
 * when the route tree is built ({@code dev.vigil.alert.routing.Route}). {@code matchers} holds the
 * new-style matchers and the old {@code match}/{@code match_re} ones together.
 */
public record RouteConfig(
        Optional<String> receiver,
        Optional<List<String>> groupBy,
        List<LabelMatcher> matchers,
        boolean continueMatching,
        Optional<Duration> groupWait,
        Optional<Duration> groupInterval,
        Optional<Duration> repeatInterval,
        List<String> muteTimeIntervals,
        List<String> activeTimeIntervals,
        List<RouteConfig> routes) {

    public RouteConfig {
        groupBy = groupBy.map(List::copyOf);
        matchers = List.copyOf(matchers);
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
        activeTimeIntervals = List.copyOf(activeTimeIntervals);
        routes = List.copyOf(routes);
    }
}
