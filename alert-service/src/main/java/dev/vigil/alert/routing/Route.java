package dev.vigil.alert.routing;

import dev.vigil.alert.config.am.RouteConfig;
import dev.vigil.gotemplate.GoFormat;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.tenant.Tenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A node of the routing tree with its effective options: receiver, {@code group_by} and timers
 * are inherited from the parent when unset, time intervals are not (as in Alertmanager). The
 * root gets Alertmanager's defaults: group_wait 30s, group_interval 5m, repeat_interval 4h.
 */
public final class Route {
    static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    private static final Comparator<LabelMatcher> MATCHER_ORDER = Comparator.comparing(LabelMatcher::name)
            .thenComparing(LabelMatcher::value).thenComparing(LabelMatcher::type);

    private final Route parent;
    private final int position;
    private final String receiver;
    private final List<String> groupBy;
    private final boolean groupByAll;
    private final List<LabelMatcher> matchers;
    private final boolean continueMatching;
    private final Duration groupWait;
    private final Duration groupInterval;
    private final Duration repeatInterval;
    private final List<String> muteTimeIntervals;
    private final List<String> activeTimeIntervals;
    private final List<Route> children;
    private final String key;

    private Route(RouteConfig c, Route parent, int position) {
        this.parent = parent;
        this.position = position;
        this.receiver = c.receiver().orElseGet(() -> parent == null ? "" : parent.receiver);
        List<String> gb = c.groupBy().orElseGet(() -> parent == null ? List.of() : parent.groupByConfig());
        this.groupByAll = gb.contains("...");
        this.groupBy = groupByAll ? List.of() : List.copyOf(gb);
        List<LabelMatcher> sorted = new ArrayList<>(c.matchers());
        sorted.sort(MATCHER_ORDER);
        this.matchers = List.copyOf(sorted);
        this.continueMatching = c.continueMatching();
        this.groupWait = c.groupWait().orElseGet(() -> parent == null ? DEFAULT_GROUP_WAIT : parent.groupWait);
        this.groupInterval = c.groupInterval().orElseGet(() -> parent == null ? DEFAULT_GROUP_INTERVAL : parent.groupInterval);
        this.repeatInterval = c.repeatInterval().orElseGet(() -> parent == null ? DEFAULT_REPEAT_INTERVAL : parent.repeatInterval);
        this.muteTimeIntervals = c.muteTimeIntervals();
        this.activeTimeIntervals = c.activeTimeIntervals();
        String own = matchers.stream().map(m -> m.name() + m.type().op() + GoFormat.quote(m.value()))
                .collect(Collectors.joining(",", "{", "}"));
        this.key = parent == null ? own : parent.key + "/" + own;
        List<Route> kids = new ArrayList<>();
        for (int i = 0; i < c.routes().size(); i++) {
            kids.add(new Route(c.routes().get(i), this, i));
        }
        this.children = List.copyOf(kids);
    }

    /** Builds the tree from the configuration's root route. */
    public static Route tree(RouteConfig root) {
        return new Route(root, null, -1);
    }

    private List<String> groupByConfig() {
        return groupByAll ? List.of("...") : groupBy;
    }

    /**
     * The routes an alert with these labels goes to: depth-first, the first matching child wins
     * unless it has {@code continue}; a matching node with no matching child is itself the match.
     * Empty when this node's matchers do not match.
     */
    public List<Route> match(Labels labels) {
        if (!matches(labels)) {
            return List.of();
        }
        List<Route> all = new ArrayList<>();
        for (Route child : children) {
            List<Route> m = child.match(labels);
            all.addAll(m);
            if (!m.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    private boolean matches(Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The labels of {@code labels} this route groups by (all of them for {@code group_by: [...]}),
     * and always the tenant's: one notification never carries two tenants' alerts.
     */
    public Labels groupLabels(Labels labels) {
        if (groupByAll) {
            return labels;
        }
        Labels.Builder b = Labels.builder();
        b.set(Tenants.LABEL, labels.get(Tenants.LABEL));
        for (String name : groupBy) {
            String v = labels.get(name);
            if (!v.isEmpty()) {
                b.set(name, v);
            }
        }
        return b.build();
    }

    /** Alertmanager's route key: the matchers of each node from the root, {@code {}/{severity="critical"}}. */
    public String key() {
        return key;
    }

    /** The key plus the position among siblings, unique even for twin routes ({@code {}/{a="b"}/0}). */
    public String id() {
        return parent == null ? key : key + "/" + position;
    }

    public String receiver() {
        return receiver;
    }

    public List<String> groupBy() {
        return groupBy;
    }

    public boolean groupByAll() {
        return groupByAll;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public boolean continueMatching() {
        return continueMatching;
    }

    public Duration groupWait() {
        return groupWait;
    }

    public Duration groupInterval() {
        return groupInterval;
    }

    public Duration repeatInterval() {
        return repeatInterval;
    }

    public List<String> muteTimeIntervals() {
        return muteTimeIntervals;
    }

    public List<String> activeTimeIntervals() {
        return activeTimeIntervals;
    }

    public List<Route> children() {
        return children;
    }

    public Optional<Route> parent() {
        return Optional.ofNullable(parent);
    }

    /** Every receiver name used in this subtree. */
    public Set<String> receivers() {
        Set<String> out = new java.util.TreeSet<>();
        out.add(receiver);
        children.forEach(c -> out.addAll(c.receivers()));
        return out;
    }

    @Override
    public String toString() {
        return id() + " -> " + receiver;
    }
}
