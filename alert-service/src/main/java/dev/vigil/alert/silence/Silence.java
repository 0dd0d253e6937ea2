package dev.vigil.alert.silence;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A silence: alerts whose labels satisfy every matcher are muted between {@code startsAt}
 * (inclusive) and {@code endsAt} (exclusive). An empty {@code id} marks a silence not yet stored.
 */
public record Silence(
        String id,
        List<LabelMatcher> matchers,
        Instant startsAt,
        Instant endsAt,
        Instant updatedAt,
        String createdBy,
        String comment) {

    public Silence {
        Objects.requireNonNull(id);
        matchers = List.copyOf(matchers);
        Objects.requireNonNull(startsAt);
        Objects.requireNonNull(endsAt);
        Objects.requireNonNull(updatedAt);
        Objects.requireNonNull(createdBy);
        Objects.requireNonNull(comment);
    }

    /** The state at {@code now}, as Alertmanager's getState. */
    public SilenceState state(Instant now) {
        if (now.isBefore(startsAt)) {
            return SilenceState.PENDING;
        }
        return now.isBefore(endsAt) ? SilenceState.ACTIVE : SilenceState.EXPIRED;
    }

    /** Whether every matcher accepts these labels (absent labels match as ""). */
    public boolean matches(Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    Silence withId(String newId) {
        return new Silence(newId, matchers, startsAt, endsAt, updatedAt, createdBy, comment);
    }

    Silence withTimes(Instant start, Instant end, Instant updated) {
        return new Silence(id, matchers, start, end, updated, createdBy, comment);
    }
}
