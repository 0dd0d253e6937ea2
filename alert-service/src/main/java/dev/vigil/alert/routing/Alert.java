package dev.vigil.alert.routing;

import dev.vigil.alert.config.am.MatcherParser;
import dev.vigil.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An alert as Alertmanager holds it: identity labels, annotations, the active range
 * [{@code startsAt}, {@code endsAt}), where it came from, and when it was last received.
 * {@code timeout} marks an {@code endsAt} that Vigil set from {@code resolve_timeout} because the
 * sender gave none. Build incoming alerts with {@link #received}.
 */
public record Alert(
        Labels labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl,
        Instant updatedAt,
        boolean timeout) {

    public Alert {
        Objects.requireNonNull(labels);
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        Objects.requireNonNull(startsAt);
        Objects.requireNonNull(endsAt);
        Objects.requireNonNull(generatorUrl);
        Objects.requireNonNull(updatedAt);
    }

    /**
     * An alert as posted by Prometheus or a rule evaluator, completed and checked the way
     * Alertmanager's API does: a missing start becomes {@code now} (or the end), a missing end
     * becomes {@code now + resolveTimeout} with {@code timeout} set.
     *
     * @throws IllegalArgumentException for no labels, an invalid label name or an end before the start
     */
    public static Alert received(Labels labels, Map<String, String> annotations, Optional<Instant> startsAt,
            Optional<Instant> endsAt, String generatorUrl, Instant now, Duration resolveTimeout) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one label pair required");
        }
        for (int i = 0; i < labels.size(); i++) {
            if (!MatcherParser.isValidLabelName(labels.name(i))) {
                throw new IllegalArgumentException("invalid label name \"" + labels.name(i) + "\"");
            }
        }
        Instant start = startsAt.orElse(endsAt.orElse(now));
        Instant end = endsAt.orElse(now.plus(resolveTimeout));
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("start time must be before end time");
        }
        return new Alert(labels, annotations, start, end, generatorUrl, now, endsAt.isEmpty());
    }

    /** Alertmanager's fingerprint of the labels. */
    public long fingerprint() {
        return Fingerprint.of(labels);
    }

    /** Resolved once {@code endsAt} is not after {@code now}. */
    public boolean resolvedAt(Instant now) {
        return !endsAt.isAfter(now);
    }

    /**
     * Combines this alert with a newer update of the same labels as Alertmanager's
     * {@code Alert.Merge}: the earliest start wins, and an explicit end beats a timeout end.
     */
    public Alert merge(Alert o, Instant now) {
        if (o.updatedAt.isBefore(updatedAt)) {
            return o.merge(this, now);
        }
        Instant start = startsAt.isBefore(o.startsAt) ? startsAt : o.startsAt;
        Instant end = o.endsAt;
        boolean timedOut = o.timeout;
        if (o.resolvedAt(now)) {
            if (resolvedAt(now) && endsAt.isAfter(o.endsAt)) {
                end = endsAt;
                timedOut = timeout;
            }
        } else if (endsAt.isAfter(o.endsAt) && !timeout) {
            end = endsAt;
            timedOut = false;
        }
        return new Alert(o.labels, o.annotations, start, end, o.generatorUrl, o.updatedAt, timedOut);
    }
}
