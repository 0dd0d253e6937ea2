package dev.vigil.alert.routing;

import dev.vigil.alert.config.am.InhibitRuleConfig;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.tenant.Tenants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alertmanager's inhibition: an alert matching a rule's target matchers is muted while some
 * firing alert matches the source matchers and has the same values for the {@code equal} labels
 * (absent counts as equal to absent). When an alert matches both sides of a rule, only other
 * alerts that are not themselves targets can inhibit it, so an alert never inhibits itself.
 * Feed it every stored alert ({@link #stored}); thread-safe.
 */
public final class Inhibitor implements Dispatcher.AlertListener {

    private static final class Rule {
        final List<LabelMatcher> source;
        final List<LabelMatcher> target;
        final Set<String> equal;
        final Map<Long, Alert> sources = new HashMap<>();

        Rule(InhibitRuleConfig c) {
            this.source = c.sourceMatchers();
            this.target = c.targetMatchers();
            this.equal = c.equal();
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    public Inhibitor(List<InhibitRuleConfig> rules) {
        rules.forEach(r -> this.rules.add(new Rule(r)));
    }

    private static boolean matches(List<LabelMatcher> ms, Labels l) {
        for (LabelMatcher m : ms) {
            if (!m.matches(l.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void stored(Alert alert) {
        for (Rule r : rules) {
            if (matches(r.source, alert.labels())) {
                r.sources.put(alert.fingerprint(), alert);
            }
        }
    }

    /** Whether an alert with these labels is inhibited at {@code now}. */
    public boolean mutes(Labels labels, Instant now) {
        return inhibitedBy(labels, now).isPresent();
    }

    /** The fingerprint of an alert that inhibits these labels at {@code now}, if any. */
    public synchronized Optional<Long> inhibitedBy(Labels labels, Instant now) {
        for (Rule r : rules) {
            if (!matches(r.target, labels)) {
                continue;
            }
            boolean twoSided = matches(r.source, labels);
            for (Alert a : r.sources.values()) {
                if (a.resolvedAt(now)) {
                    continue;
                }
                if (!equalLabels(r.equal, a.labels(), labels)) {
                    continue;
                }
                if (twoSided && matches(r.target, a.labels())) {
                    continue;
                }
                return Optional.of(a.fingerprint());
            }
        }
        return Optional.empty();
    }

    /** The {@code equal} labels, and the tenant: one tenant's alert never inhibits another's. */
    private static boolean equalLabels(Set<String> names, Labels a, Labels b) {
        if (!a.get(Tenants.LABEL).equals(b.get(Tenants.LABEL))) {
            return false;
        }
        for (String n : names) {
            if (!a.get(n).equals(b.get(n))) {
                return false;
            }
        }
        return true;
    }

    /** Forgets source alerts resolved at {@code now}. */
    public synchronized void removeResolved(Instant now) {
        rules.forEach(r -> r.sources.values().removeIf(a -> a.resolvedAt(now)));
    }
}
