package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.AlertmanagerConfig;
import dev.vigil.alert.routing.Alert;
import dev.vigil.alert.routing.Dispatcher;
import dev.vigil.alert.routing.Inhibitor;
import dev.vigil.alert.routing.Route;
import dev.vigil.alert.silence.Silences;
import dev.vigil.gotemplate.TemplateSet;
import dev.vigil.model.Labels;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager assembled from one configuration: route tree, dispatcher, inhibitor and
 * notification pipeline over the given silences, notification log and notifiers. The service
 * posts alerts with {@link #receive}, and calls {@link #tick} when {@link #nextDeadline} comes
 * (or every second). On a configuration change, {@link #reload} keeps silences, log and alerts.
 */
public final class RoutingEngine {
    private final AlertmanagerConfig config;
    private final Clock clock;
    private final Inhibitor inhibitor;
    private final Dispatcher dispatcher;
    private final Silences silences;
    private final NotificationLog log;
    private final String externalUrl;
    private final NotificationEvents sent;

    /**
     * @param templates   the default templates plus the configuration's template files
     *                    ({@link DefaultTemplates#newSet()} then {@code add} each file)
     * @param notifiers   by kind: webhook, slack, msteams, email
     * @param externalUrl where users reach Vigil's alerting UI/API
     * @param sent        told of each delivered notification
     */
    public RoutingEngine(AlertmanagerConfig config, TemplateSet templates, Silences silences, NotificationLog log,
            Map<String, Notifier> notifiers, String externalUrl, Clock clock, NotificationEvents sent) {
        this.config = config;
        this.clock = clock;
        this.silences = silences;
        this.log = log;
        this.externalUrl = externalUrl;
        this.sent = sent;
        this.inhibitor = new Inhibitor(config.inhibitRules());
        NotificationPipeline pipeline = new NotificationPipeline(config, new Payloads(templates), inhibitor, silences, log,
                notifiers, externalUrl, sent);
        this.dispatcher = new Dispatcher(Route.tree(config.route()), pipeline, clock, List.of(inhibitor));
    }

    /** Accepts an alert as posted by a rule evaluator or Prometheus, completing it as Alertmanager's API does. */
    public Alert receive(Labels labels, Map<String, String> annotations, Optional<Instant> startsAt,
            Optional<Instant> endsAt, String generatorUrl) {
        Alert a = Alert.received(labels, annotations, startsAt, endsAt, generatorUrl, clock.instant(),
                config.global().resolveTimeout());
        dispatcher.receive(a);
        return a;
    }

    /**
     * An engine for a new configuration that keeps this one's silences, notification log and
     * alerts: like Alertmanager on reload, the known alerts are routed again under the new tree
     * (into new groups, which wait group_wait; the log prevents duplicate notifications).
     */
    public RoutingEngine reload(AlertmanagerConfig newConfig, TemplateSet templates, Map<String, Notifier> notifiers) {
        RoutingEngine next = new RoutingEngine(newConfig, templates, silences, log, notifiers, externalUrl, clock, sent);
        Instant now = clock.instant();
        for (Alert a : dispatcher.alerts()) {
            if (!a.resolvedAt(now)) {
                next.receive(a);
            }
        }
        return next;
    }

    /** Accepts a complete alert. */
    public void receive(Alert alert) {
        dispatcher.receive(alert);
    }

    /** Flushes due groups and forgets resolved inhibiting alerts; returns how many groups flushed. */
    public int tick() {
        int n = dispatcher.tick();
        inhibitor.removeResolved(clock.instant());
        return n;
    }

    public Optional<Instant> nextDeadline() {
        return dispatcher.nextDeadline();
    }

    /** The silences muting these labels now, for the API's alert status. */
    public List<String> silencedBy(Labels labels) {
        return silences.mutedBy(labels, clock.instant());
    }

    /** The fingerprint of an alert inhibiting these labels now, if any. */
    public Optional<Long> inhibitedBy(Labels labels) {
        return inhibitor.inhibitedBy(labels, clock.instant());
    }

    /** The receivers an alert with these labels is routed to, in routing order. */
    public List<String> receivers(Labels labels) {
        return dispatcher.root().match(labels).stream().map(Route::receiver).distinct().toList();
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public AlertmanagerConfig config() {
        return config;
    }
}
