package dev.vigil.alert.rules;

import dev.vigil.model.Labels;
import dev.vigil.model.StaleNaN;
import dev.vigil.model.tenant.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule group ready to run: {@link #evaluate} runs its rules in order at one timestamp, as
 * Prometheus' {@code Group.Eval} does, and returns what to record and what to send. Alert
 * state can be saved with {@link #alertState()} and loaded with {@link #restore} so that
 * {@code for} timers survive a restart. Scheduling is the caller's: call {@link #evaluate} every
 * {@link #interval()}, at {@link #evaluationTime(Instant)}. Not thread-safe.
 */
public final class RuleGroup {
    private static final Duration MAX_EARLY = Duration.ofMillis(50);
    /** Prometheus' default resend delay for firing alerts. */
    public static final Duration DEFAULT_RESEND_DELAY = Duration.ofMinutes(1);

    private final RuleGroupDefinition def;
    private final String tenant;
    private final Duration interval;
    private final Duration resendDelay;
    private final String externalUrl;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Set<Labels>> previousSeries = new ArrayList<>();
    private Instant lastEvaluation = Instant.EPOCH;

    /**
     * @param defaultInterval the global evaluation interval, used when the group sets none
     * @param templates       expands alert labels and annotations
     * @param externalUrl     prefix of the generator URLs ({@code /graph?g0.expr=...})
     */
    public RuleGroup(RuleGroupDefinition def, Duration defaultInterval, Duration resendDelay, RuleTemplates templates,
            String externalUrl) {
        this(def, Tenants.DEFAULT, defaultInterval, resendDelay, templates, externalUrl);
    }

    /** A group of {@code tenant}'s: it reads that tenant's data, and its alerts and recordings are that tenant's. */
    public RuleGroup(RuleGroupDefinition def, String tenant, Duration defaultInterval, Duration resendDelay,
            RuleTemplates templates, String externalUrl) {
        this.def = def;
        this.tenant = tenant;
        this.interval = def.interval().orElse(defaultInterval);
        this.resendDelay = resendDelay;
        this.externalUrl = externalUrl;
        for (RuleDefinition r : def.rules()) {
            rules.add(r instanceof RuleDefinition.Alerting a ? new AlertingRule(a, templates)
                    : new RecordingRule((RuleDefinition.Recording) r));
            previousSeries.add(Set.of());
        }
    }

    public String name() {
        return def.name();
    }

    public String tenant() {
        return tenant;
    }

    /**
     * The group's name as state and errors are kept under: the name, after the tenant for a tenant
     * other than the default one, so two tenants' groups of the same name stay apart.
     */
    public String key() {
        return tenant.equals(Tenants.DEFAULT) ? def.name() : "tenant=" + tenant + "/" + def.name();
    }

    public Duration interval() {
        return interval;
    }

    /**
     * The slot a scheduled run that starts at {@code now} evaluates. The scheduler's clock drifts
     * from the wall clock, so a run may start a little before its slot; flooring that instant
     * would evaluate the previous slot, one interval late, and miss the newest samples. A run up
     * to a twentieth of the interval (at most 50 ms) early still counts as its own slot.
     */
    public Instant slotOfRun(Instant now) {
        Duration early = interval.dividedBy(20);
        return evaluationTime(now.plus(early.compareTo(MAX_EARLY) < 0 ? early : MAX_EARLY));
    }

    /**
     * The evaluation slot at or before {@code now}: multiples of the interval shifted by a
     * per-group offset, so that groups spread over the interval instead of running together.
     */
    public Instant evaluationTime(Instant now) {
        long iv = interval.toNanos();
        long offset = Math.floorMod((long) def.name().hashCode() * 0x9E3779B97F4A7C15L, iv);
        long n = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long adj = n - offset;
        long base = adj - Math.floorMod(adj, iv);
        long t = base + offset;
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    }

    /** Runs every rule at {@code ts}; a failing rule is reported in the result and the others still run. */
    public EvaluationResult evaluate(Instant ts, QueryFunction query) {
        lastEvaluation = later(lastEvaluation, ts);
        List<VectorSample> samples = new ArrayList<>();
        List<OutgoingAlert> alerts = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            List<VectorSample> out = run(i, ts, query, alerts, errors);
            if (out == null) {
                continue;
            }
            samples.addAll(out);
            Set<Labels> now = new HashSet<>();
            out.forEach(s -> now.add(s.labels()));
            // Series that vanished get a stale marker, so queries stop seeing them at once.
            for (Labels gone : previousSeries.get(i)) {
                if (!now.contains(gone)) {
                    samples.add(new VectorSample(gone, StaleNaN.VALUE));
                }
            }
            previousSeries.set(i, now);
        }
        return new EvaluationResult(samples, alerts, errors);
    }

    /**
     * Runs only the alerting rules at the indexes set in {@code which}, between the group's
     * scheduled runs (when a sample that can change their answer arrives). Their alert state
     * moves as in {@link #evaluate}; the {@code ALERTS} series are left to the scheduled runs, which
     * write them every interval, so the result holds alerts and errors but no samples.
     */
    public EvaluationResult evaluateAlerting(Instant ts, QueryFunction query, BitSet which) {
        lastEvaluation = later(lastEvaluation, ts);
        List<OutgoingAlert> alerts = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = which.nextSetBit(0); i >= 0 && i < rules.size(); i = which.nextSetBit(i + 1)) {
            if (rules.get(i) instanceof AlertingRule) {
                run(i, ts, query, alerts, errors);
            }
        }
        return new EvaluationResult(List.of(), alerts, errors);
    }

    /**
     * Evaluates rule {@code i} at {@code ts}, adding an alerting rule's alerts to send; returns its
     * samples, or null after putting its error in {@code errors} (the other rules still run).
     */
    private List<VectorSample> run(int i, Instant ts, QueryFunction query, List<OutgoingAlert> alerts, Map<String, String> errors) {
        Rule rule = rules.get(i);
        try {
            List<VectorSample> out = rule.eval(ts, query, def.limit());
            if (rule instanceof AlertingRule a) {
                alerts.addAll(a.alertsToSend(ts, resendDelay, interval, generatorUrl(a.definition().expr())));
            }
            return out;
        } catch (RuleEvaluationException e) {
            errors.put(def.rules().get(i).name(), e.getMessage());
        } catch (RuntimeException e) {
            // A query client's unchecked failure is this rule's error, not the group's end.
            errors.put(def.rules().get(i).name(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return null;
    }

    /**
     * {@code t}, or the group's latest evaluation time when that is later: a run evaluates no
     * earlier than the one before it, so a group's evaluations never go back in time (a scheduled
     * run evaluates its slot, which may be a little ahead of the clock; a scheduled run that starts
     * late must not evaluate before a streamed one that came first).
     */
    public Instant notBeforeLastEvaluation(Instant t) {
        return later(lastEvaluation, t);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Prometheus' generator URL for an expression: {@code <external>/graph?g0.expr=...&g0.tab=1}. */
    String generatorUrl(String expr) {
        return externalUrl + "/graph?g0.expr=" + RuleTemplates.queryEscape(expr) + "&g0.tab=1";
    }

    /** The alert state of every alerting rule, keyed by {@link #ruleKey}. */
    public Map<String, List<AlertInstance>> alertState() {
        Map<String, List<AlertInstance>> out = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof AlertingRule a) {
                out.put(ruleKey(i), a.alerts());
            }
        }
        return out;
    }

    /** Loads state saved by {@link #alertState()}; keys of rules no longer present are ignored. */
    public void restore(Map<String, List<AlertInstance>> state) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof AlertingRule a && state.containsKey(ruleKey(i))) {
                a.restore(state.get(ruleKey(i)));
            }
        }
    }

    /**
     * A stable key for the rule at {@code index}: group name, rule name and the occurrence of
     * that name within the group, so reordering differently named rules keeps their state.
     */
    public String ruleKey(int index) {
        String name = def.rules().get(index).name();
        int occurrence = 0;
        for (int j = 0; j < index; j++) {
            if (def.rules().get(j).name().equals(name)) {
                occurrence++;
            }
        }
        return key() + "/" + name + "/" + occurrence;
    }

    /** Every rule in file order, for the rules API. */
    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The alerting rules, for the rules and alerts APIs. */
    public List<AlertingRule> alertingRules() {
        return rules.stream().filter(AlertingRule.class::isInstance).map(AlertingRule.class::cast).toList();
    }
}
