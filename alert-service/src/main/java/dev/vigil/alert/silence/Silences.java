package dev.vigil.alert.silence;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The silence store with Alertmanager's rules: a change that only extends or shortens a silence
 * updates it in place, any other change to a started silence expires it and creates a new one;
 * expiring a pending silence moves both ends to now; expired silences are kept for
 * {@code retention} and then dropped by {@link #gc()}. Thread-safe.
 */
public final class Silences {
    /** Alertmanager's default data retention. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);

    private final Clock clock;
    private final Supplier<String> ids;
    private final Duration retention;
    private final Map<String, Silence> silences = new LinkedHashMap<>();

    /**
     * @param clock     the time source
     * @param ids       new silence ids (random UUIDs in production)
     * @param retention how long expired silences stay queryable
     */
    public Silences(Clock clock, Supplier<String> ids, Duration retention) {
        this.clock = clock;
        this.ids = ids;
        this.retention = retention;
    }

    /** With random UUIDs and the default retention. */
    public Silences(Clock clock) {
        this(clock, () -> java.util.UUID.randomUUID().toString(), DEFAULT_RETENTION);
    }

    /**
     * Creates a silence (empty id) or changes one, returning what was stored; its id differs
     * from the request's when the change could not be made in place.
     */
    public synchronized Silence set(Silence request) {
        Instant now = clock.instant();
        validate(request);
        Optional<Silence> prev = request.id().isEmpty() ? Optional.empty() : Optional.ofNullable(silences.get(request.id()));
        if (!request.id().isEmpty() && prev.isEmpty()) {
            throw new SilenceException("silence " + request.id() + " not found", true);
        }
        if (prev.isPresent()) {
            if (canUpdate(prev.get(), request, now)) {
                Silence updated = request.withTimes(request.startsAt(), request.endsAt(), now);
                silences.put(updated.id(), updated);
                return updated;
            }
            if (prev.get().state(now) != SilenceState.EXPIRED) {
                expire(prev.get().id());
            }
        }
        if (request.endsAt().isBefore(now)) {
            throw new SilenceException("end time can't be in the past", false);
        }
        Instant start = request.startsAt().isBefore(now) ? now : request.startsAt();
        Silence created = request.withId(ids.get()).withTimes(start, request.endsAt(), now);
        silences.put(created.id(), created);
        return created;
    }

    private static void validate(Silence s) {
        if (s.matchers().isEmpty()) {
            throw new SilenceException("at least one matcher required", false);
        }
        boolean allMatchEmpty = true;
        for (LabelMatcher m : s.matchers()) {
            allMatchEmpty &= m.matchesEmpty();
        }
        if (allMatchEmpty) {
            throw new SilenceException("at least one matcher must not match the empty string", false);
        }
        if (s.endsAt().isBefore(s.startsAt())) {
            throw new SilenceException("end time must not be before start time", false);
        }
    }

    private static boolean canUpdate(Silence a, Silence b, Instant now) {
        if (!a.matchers().equals(b.matchers())) {
            return false;
        }
        return switch (a.state(now)) {
            case ACTIVE -> b.startsAt().equals(a.startsAt()) && !b.endsAt().isBefore(now);
            case PENDING -> !b.startsAt().isBefore(now);
            case EXPIRED -> false;
        };
    }

    /** Ends a silence now: an active one stops, a pending one never starts. */
    public synchronized Silence expire(String id) {
        Instant now = clock.instant();
        Silence s = silences.get(id);
        if (s == null) {
            throw new SilenceException("silence " + id + " not found", true);
        }
        Silence expired = switch (s.state(now)) {
            case EXPIRED -> throw new SilenceException("silence " + id + " already expired", false);
            case ACTIVE -> s.withTimes(s.startsAt(), now, now);
            case PENDING -> s.withTimes(now, now, now);
        };
        silences.put(id, expired);
        return expired;
    }

    public synchronized Optional<Silence> get(String id) {
        return Optional.ofNullable(silences.get(id));
    }

    /** Every stored silence, newest update first. */
    public synchronized List<Silence> all() {
        List<Silence> out = new ArrayList<>(silences.values());
        out.sort(Comparator.comparing(Silence::updatedAt).reversed());
        return out;
    }

    /** Ids of the silences active at {@code now} that match these labels. */
    public synchronized List<String> mutedBy(Labels labels, Instant now) {
        List<String> out = new ArrayList<>();
        for (Silence s : silences.values()) {
            if (s.state(now) == SilenceState.ACTIVE && s.matches(labels)) {
                out.add(s.id());
            }
        }
        return out;
    }

    /** Whether an active silence matches these labels at {@code now}. */
    public boolean mutes(Labels labels, Instant now) {
        return !mutedBy(labels, now).isEmpty();
    }

    /** Drops silences that expired more than the retention ago; returns their ids (to tombstone them). */
    public synchronized List<String> gc() {
        Instant cutoff = clock.instant().minus(retention);
        List<String> dropped = new ArrayList<>();
        silences.values().removeIf(s -> {
            boolean old = s.endsAt().isBefore(cutoff);
            if (old) {
                dropped.add(s.id());
            }
            return old;
        });
        return dropped;
    }

    /** Loads persisted silences as they are (on start-up, from the state topic), replacing same ids. */
    public synchronized void restore(Collection<Silence> persisted) {
        for (Silence s : persisted) {
            Silence cur = silences.get(s.id());
            if (cur == null || !cur.updatedAt().isAfter(s.updatedAt())) {
                silences.put(s.id(), s);
            }
        }
    }
}
