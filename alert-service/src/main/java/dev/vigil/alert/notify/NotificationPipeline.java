package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.AlertmanagerConfig;
import dev.vigil.alert.config.am.EmailConfig;
import dev.vigil.alert.config.am.MsTeamsConfig;
import dev.vigil.alert.config.am.ReceiverConfig;
import dev.vigil.alert.config.am.SlackConfig;
import dev.vigil.alert.config.am.TimeInterval;
import dev.vigil.alert.config.am.WebhookConfig;
import dev.vigil.alert.routing.Alert;
import dev.vigil.alert.routing.FlushHandler;
import dev.vigil.alert.routing.GroupFlush;
import dev.vigil.alert.routing.Inhibitor;
import dev.vigil.alert.silence.Silences;
import dev.vigil.gotemplate.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Alertmanager's notification pipeline for one group flush: drop inhibited alerts, stop outside
 * the route's active time intervals or inside its mute intervals, drop silenced alerts, then for
 * each integration of the receiver decide from the notification log whether to send (new
 * firing alerts, resolved ones if {@code send_resolved}, or {@code repeat_interval} elapsed),
 * render, send through the {@link Notifier} for its kind, and log what was sent.
 */
public final class NotificationPipeline implements FlushHandler {
    private static final Logger LOG = Logger.getLogger(NotificationPipeline.class);

    private final AlertmanagerConfig config;
    private final Payloads payloads;
    private final Inhibitor inhibitor;
    private final Silences silences;
    private final NotificationLog log;
    private final Map<String, Notifier> notifiers;
    private final String externalUrl;
    private final NotificationEvents sent;

    /**
     * @param notifiers   by kind: {@code webhook}, {@code slack}, {@code msteams}, {@code email}
     * @param externalUrl the URL under which users reach Vigil's alert UI/API
     * @param sent        told of every notification delivered (e.g. to publish it on a topic)
     */
    public NotificationPipeline(AlertmanagerConfig config, Payloads payloads, Inhibitor inhibitor, Silences silences,
            NotificationLog log, Map<String, Notifier> notifiers, String externalUrl, NotificationEvents sent) {
        this.config = config;
        this.payloads = payloads;
        this.inhibitor = inhibitor;
        this.silences = silences;
        this.log = log;
        this.notifiers = Map.copyOf(notifiers);
        this.externalUrl = externalUrl;
        this.sent = sent;
    }

    @Override
    public boolean flush(GroupFlush f) {
        Instant now = f.now();
        List<Alert> alerts = new ArrayList<>();
        for (Alert a : f.alerts()) {
            if (!inhibitor.mutes(a.labels(), now)) {
                alerts.add(a);
            }
        }
        if (alerts.isEmpty() || !active(f.route().activeTimeIntervals(), now) || muted(f.route().muteTimeIntervals(), now)) {
            return true;
        }
        alerts.removeIf(a -> silences.mutes(a.labels(), now));
        if (alerts.isEmpty()) {
            return true;
        }
        Optional<ReceiverConfig> receiver = config.receiver(f.route().receiver());
        if (receiver.isEmpty()) {
            LOG.warn("receiver " + f.route().receiver() + " is not configured; dropping group " + f.groupKey());
            return true;
        }
        Set<Long> firing = new HashSet<>();
        Set<Long> resolved = new HashSet<>();
        for (Alert a : alerts) {
            (a.resolvedAt(now) ? resolved : firing).add(a.fingerprint());
        }
        boolean ok = true;
        ReceiverConfig r = receiver.get();
        for (int i = 0; i < r.webhookConfigs().size(); i++) {
            WebhookConfig c = r.webhookConfigs().get(i);
            ok &= integration(f, r.name(), "webhook", i, c.sendResolved(), alerts, firing, resolved, (data, integration) -> {
                List<Alert> kept = data;
                long truncated = 0;
                if (c.maxAlerts() > 0 && data.size() > c.maxAlerts()) {
                    kept = data.subList(0, c.maxAlerts());
                    truncated = data.size() - c.maxAlerts();
                }
                return payloads.webhook(r.name(), integration, f.groupKey(), c,
                        TemplateData.of(r.name(), f.groupLabels(), kept, now, externalUrl), truncated);
            });
        }
        for (int i = 0; i < r.slackConfigs().size(); i++) {
            SlackConfig c = r.slackConfigs().get(i);
            ok &= integration(f, r.name(), "slack", i, c.sendResolved(), alerts, firing, resolved,
                    (data, integration) -> payloads.slack(r.name(), integration, f.groupKey(), c,
                            TemplateData.of(r.name(), f.groupLabels(), data, now, externalUrl)));
        }
        for (int i = 0; i < r.msteamsConfigs().size(); i++) {
            MsTeamsConfig c = r.msteamsConfigs().get(i);
            ok &= integration(f, r.name(), "msteams", i, c.sendResolved(), alerts, firing, resolved,
                    (data, integration) -> payloads.msteams(r.name(), integration, f.groupKey(), c,
                            TemplateData.of(r.name(), f.groupLabels(), data, now, externalUrl)));
        }
        for (int i = 0; i < r.emailConfigs().size(); i++) {
            EmailConfig c = r.emailConfigs().get(i);
            ok &= integration(f, r.name(), "email", i, c.sendResolved(), alerts, firing, resolved,
                    (data, integration) -> payloads.email(r.name(), integration, f.groupKey(), c,
                            TemplateData.of(r.name(), f.groupLabels(), data, now, externalUrl)));
        }
        Map<String, Integer> index = new java.util.HashMap<>();
        IntegrationPayloads others = payloads.integrations();
        for (dev.vigil.alert.config.am.IntegrationConfig c : r.integrations()) {
            int i = index.merge(c.type(), 1, Integer::sum) - 1;
            ok &= integration(f, r.name(), c.type(), i, c.sendResolved(), alerts, firing, resolved, (data, integration) -> {
                // incident.io's max_alerts cuts the list as the webhook's does
                int max = c.type().equals("incidentio") ? Integer.parseInt(c.string("max_alerts")) : 0; // validated when loaded
                List<Alert> kept = max > 0 && data.size() > max ? data.subList(0, max) : data;
                return others.render(r.name(), integration, f.groupKey(), c,
                        TemplateData.of(r.name(), f.groupLabels(), kept, now, externalUrl), data.size() - kept.size());
            });
        }
        return ok;
    }

    /** The integration name used as notification-log key: {@code receiver/kind[index]}. */
    public static String key(String receiver, String kind, int index) {
        return receiver + "/" + kind + "[" + index + "]";
    }

    private interface Renderer {
        Notification render(List<Alert> alerts, String integration);
    }

    private boolean integration(GroupFlush f, String receiver, String kind, int index, boolean sendResolved,
            List<Alert> alerts, Set<Long> firing, Set<Long> resolved, Renderer renderer) {
        Instant now = f.now();
        String integration = key(receiver, kind, index);
        Duration repeat = f.route().repeatInterval();
        NotificationEntry entry = log.get(f.groupKey(), integration).orElse(null);
        if (!NotificationEntry.needsUpdate(entry, firing, resolved, sendResolved, repeat, now)) {
            return true;
        }
        Instant expires = now.plus(repeat.multipliedBy(2));
        List<Alert> toSend = sendResolved ? alerts : alerts.stream().filter(a -> !a.resolvedAt(now)).toList();
        if (toSend.isEmpty()) {
            // Nothing the receiver wants, but the log must forget the firing alerts it was told of.
            log.log(f.groupKey(), integration, firing, resolved, now, expires);
            return true;
        }
        // a receiver type that is read but not delivered to is told before anything is rendered for it
        Notifier notifier = notifiers.get(kind);
        if (notifier == null) {
            LOG.warn("no notifier for " + kind + " integrations; " + integration + " is not notified");
            return false;
        }
        Notification n;
        try {
            n = renderer.render(toSend, integration);
        } catch (TemplateException e) {
            LOG.warn("cannot render notification for " + integration + ": " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // a *_file secret read while rendering (unreadable, removed) fails this integration only,
            // not the receiver's others
            LOG.warn(integration + " is not notified: " + e.getMessage());
            return false;
        }
        sent.sending(n);
        try {
            notifier.send(n, f.route().groupInterval());
        } catch (NotifyException e) {
            LOG.warn("notify " + integration + " for group " + f.groupKey() + " failed: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("notifier for " + integration + " failed unexpectedly: " + e.getClass().getSimpleName());
            return false;
        }
        log.log(f.groupKey(), integration, firing, resolved, now, expires);
        sent.sent(n);
        return true;
    }

    private boolean active(List<String> names, Instant now) {
        if (names.isEmpty()) {
            return true;
        }
        return names.stream().map(config.timeIntervals()::get).anyMatch(ti -> ti != null && ti.contains(now));
    }

    private boolean muted(List<String> names, Instant now) {
        for (String n : names) {
            TimeInterval ti = config.timeIntervals().get(n);
            if (ti != null && ti.contains(now)) {
                return true;
            }
        }
        return false;
    }
}
