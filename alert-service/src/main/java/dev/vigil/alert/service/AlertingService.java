package dev.vigil.alert.service;

import dev.vigil.alert.config.AlertConfig;
import dev.vigil.alert.config.am.AlertmanagerConfig;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.functions.TemplateFiles;
import dev.vigil.alert.kafka.AlertTopicPublisher;
import dev.vigil.alert.kafka.StateTopics;
import dev.vigil.alert.notify.DefaultTemplates;
import dev.vigil.alert.notify.HttpJsonNotifier;
import dev.vigil.alert.notify.HttpNotification;
import dev.vigil.alert.notify.Notification;
import dev.vigil.alert.notify.NotificationEntry;
import dev.vigil.alert.notify.NotificationEvents;
import dev.vigil.alert.notify.NotificationLog;
import dev.vigil.alert.notify.Notifier;
import dev.vigil.alert.notify.RoutingEngine;
import dev.vigil.alert.notify.SmtpNotifier;
import dev.vigil.alert.query.QueryClient;
import dev.vigil.alert.query.RuleQueries;
import dev.vigil.alert.rules.AlertInstance;
import dev.vigil.alert.rules.AlertStateCodec;
import dev.vigil.alert.rules.EvaluationResult;
import dev.vigil.alert.rules.OutgoingAlert;
import dev.vigil.alert.rules.QueryFunction;
import dev.vigil.alert.rules.RuleFileLoader;
import dev.vigil.alert.rules.RuleGroup;
import dev.vigil.alert.rules.RuleGroupDefinition;
import dev.vigil.alert.rules.RuleTemplates;
import dev.vigil.alert.rules.VectorSample;
import dev.vigil.alert.silence.Silence;
import dev.vigil.alert.stream.StreamingRules;
import dev.vigil.alert.stream.StreamingSettings;
import dev.vigil.alert.silence.SilenceCodec;
import dev.vigil.alert.silence.Silences;
import dev.vigil.auth.ServiceCredential;
import dev.vigil.gotemplate.TemplateSet;
import dev.vigil.kafka.client.BatchPublisher;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.kafka.client.ProducerFactory;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.Topics;
import dev.vigil.model.tenant.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The alerting loop: evaluates every rule group at its interval against the query APIs, hands
 * the alerts to the Alertmanager-style routing engine, writes recording-rule results to
 * {@code vigil.metrics}, and keeps alert state, silences and the notification log in compacted
 * topics so a restart neither restarts a {@code for} timer nor sends a notification again.
 */
@ApplicationScoped
public class AlertingService {
    private static final Logger LOG = Logger.getLogger(AlertingService.class);
    /** Kept beyond the longest window a streamed rule reads, for samples a little ahead of the clock. */
    private static final Duration STREAMING_MARGIN = Duration.ofMinutes(1);
    private static final String EMPTY_CONFIG = "route:\n  receiver: default\nreceivers:\n  - name: default\n";

    private final AlertConfig config;
    private final KafkaClientConfig kafka;
    private final MeterRegistry meters;
    private final ServiceCredential credential;
    private final Clock clock = Clock.systemUTC();
    private AlertTopicPublisher topics;
    private Producer<byte[], byte[]> metricsProducer;
    private BatchPublisher recordings;
    private Silences silences;
    private NotificationLog nflog;
    private RuleQueries queries;
    /** The groups of {@code vigil.alert.logql-rule-files}, whose every expression goes to the logs API. */
    private volatile Set<RuleGroup> logqlGroups = Set.of();

    /** Whether {@code g} came from {@code vigil.alert.logql-rule-files}: its expressions are LogQL. */
    public boolean isLogql(RuleGroup g) {
        return logqlGroups.contains(g);
    }
    private ScheduledExecutorService scheduler;
    /** Runs the streamed evaluations, apart from the scheduled ones so neither waits for the other. */
    private ExecutorService streamingPool;
    private volatile StreamingRules streaming;
    private Counter streamedEvaluations;
    private volatile RoutingEngine engine;
    private volatile List<RuleGroup> groups = List.of();
    private final List<ScheduledFuture<?>> evaluations = new ArrayList<>();
    private final Map<String, List<AlertInstance>> restoredState = new HashMap<>();
    private final Map<String, String> lastErrors = new HashMap<>();

    public AlertingService(AlertConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry meters,
                           ServiceCredential credential) {
        this.config = config;
        this.kafka = new KafkaClientConfig(kafka);
        this.meters = meters;
        this.credential = credential;
    }

    void start(@Observes StartupEvent ev) {
        topics = new AlertTopicPublisher(kafka);
        metricsProducer = ProducerFactory.create(kafka, "vigil-alert-recording-rules");
        recordings = new BatchPublisher(metricsProducer);
        silences = new Silences(clock);
        nflog = new NotificationLog(clock, e -> topics.state(Topics.NOTIFICATION_LOG, e.key(),
                NotificationLog.toJson(e).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        queries = new RuleQueries(QueryClient.prometheus(config.queryUrl(), config.queryTimeout(), credential),
                QueryClient.loki(config.logsUrl(), config.queryTimeout(), credential));
        restore();
        // whether streamed rules are answered from vigil.metrics now, and how many series that takes
        meters.gauge("vigil_alert_streaming_ready", this, a -> a.streaming != null && a.streaming.ready() ? 1 : 0);
        meters.gauge("vigil_alert_streaming_series", this, a -> a.streaming == null ? 0 : a.streaming.seriesHeld());
        streamedEvaluations = meters.counter("vigil_alert_streamed_evaluations_total");
        scheduler = Executors.newScheduledThreadPool(2, r -> new Thread(r, "alerting"));
        streamingPool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "alerting-streamed");
            t.setDaemon(true);
            return t;
        });
        reload();
        scheduler.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        closeStreaming();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (streamingPool != null) {
            streamingPool.shutdownNow();
        }
        if (topics != null) {
            topics.close();
        }
        if (metricsProducer != null) {
            metricsProducer.close(Duration.ofSeconds(5));
        }
    }

    /** Re-reads alertmanager.yml and the rule files; on an error keeps the running configuration. */
    public synchronized void reload() {
        AlertmanagerConfig am = config.configFile().map(f -> AlertmanagerConfigLoader.load(Path.of(f)))
                .orElseGet(() -> AlertmanagerConfigLoader.parse(EMPTY_CONFIG));
        List<RuleGroup> loaded = loadRules();
        Map<String, Notifier> notifiers = new HashMap<>();
        HttpJsonNotifier http = HttpJsonNotifier.withDefaults();
        notifiers.put("webhook", http);
        notifiers.put("slack", http);
        notifiers.put("msteams", http);
        dev.vigil.alert.notify.IntegrationPayloads.POSTED.forEach(kind -> notifiers.put(kind, http));
        // WeChat fetches a token first, Jira searches before it files
        notifiers.put("wechat", dev.vigil.alert.notify.WechatNotifier.withDefaults(http));
        notifiers.put("jira", dev.vigil.alert.notify.JiraNotifier.withDefaults(http));
        notifiers.put("email", new SmtpNotifier());
        TemplateSet templates = DefaultTemplates.newSet();
        Path configDir = config.configFile().map(f -> Path.of(f).toAbsolutePath().getParent()).orElse(Path.of("."));
        TemplateFiles.addAll(templates, am.templateFiles(), configDir);
        // A reload keeps the alerts, silences and notification log of the running engine, so nothing is re-sent.
        engine = engine == null
                ? new RoutingEngine(am, templates, silences, nflog, notifiers, config.externalUrl(), clock, new NotificationEvents() {
                    @Override
                    public void sending(Notification n) {
                        publish(n);
                    }

                    @Override
                    public void sent(Notification n) {
                        meters.counter("vigil_alert_notifications_sent_total", "integration", n.kind()).increment();
                    }
                })
                : engine.reload(am, templates, notifiers);
        evaluations.forEach(f -> f.cancel(false));
        evaluations.clear();
        List<RuleGroup> previous = groups;
        groups = loaded; // from here on a run of a previous group that has not begun does nothing
        // Keep pending/firing state across reloads: rules keep their keys when unchanged. A previous
        // group's state is read under its lock, so after any run of it that was under way.
        Map<String, List<AlertInstance>> state = new HashMap<>(restoredState);
        for (RuleGroup g : previous) {
            synchronized (g) {
                state.putAll(g.alertState());
            }
        }
        for (RuleGroup g : loaded) {
            g.restore(state);
        }
        closeStreaming();
        if (config.streaming().enabled()) {
            AlertConfig.Streaming st = config.streaming();
            List<RuleGroup> promql = loaded.stream().filter(g -> !logqlGroups.contains(g)).toList();
            streaming = new StreamingRules(promql, new StreamingSettings(st.lookbackDelta().toMillis(),
                    st.outOfOrderWindow().toMillis(), st.maxSeries(), STREAMING_MARGIN.toMillis()),
                    kafka, streamingPool, this::evaluateStreamed, clock);
        }
        for (RuleGroup g : loaded) {
            evaluations.add(scheduler.scheduleAtFixedRate(() -> evaluate(g), initialDelay(g), g.interval().toNanos(), TimeUnit.NANOSECONDS));
        }
        LOG.infof("loaded %d rule group(s); routing to %d receiver(s)", loaded.size(), am.receivers().size());
    }

    private void closeStreaming() {
        StreamingRules s = streaming;
        streaming = null;
        if (s != null) {
            try {
                s.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public RoutingEngine engine() {
        return engine;
    }

    public List<RuleGroup> groups() {
        return groups;
    }

    public Silences silences() {
        return silences;
    }

    /** Persists a silence change so a restart keeps it. */
    public void silenceChanged(Silence s) {
        topics.state(Topics.SILENCES, s.id(), SilenceCodec.toJson(s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The last evaluation error of each rule, by rule key, for /api/v1/rules. */
    public synchronized Map<String, String> lastErrors() {
        return Map.copyOf(lastErrors);
    }

    private List<RuleGroup> loadRules() {
        RuleFileLoader loader = new RuleFileLoader(RuleQueries.PROMQL_OR_LOGQL);
        RuleTemplates templates = new RuleTemplates(config.externalLabels(), config.externalUrl());
        List<RuleGroup> out = new ArrayList<>();
        for (Path file : files(config.ruleFiles().orElse(List.of()))) {
            for (RuleGroupDefinition def : loader.load(file)) {
                out.add(new RuleGroup(def, config.evaluationInterval(), RuleGroup.DEFAULT_RESEND_DELAY, templates, config.externalUrl()));
            }
        }
        RuleFileLoader logqlLoader = new RuleFileLoader(RuleQueries.LOGQL);
        Set<RuleGroup> logql = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Path file : files(config.logqlRuleFiles().orElse(List.of()))) {
            for (RuleGroupDefinition def : logqlLoader.load(file)) {
                RuleGroup g = new RuleGroup(def, config.evaluationInterval(), RuleGroup.DEFAULT_RESEND_DELAY, templates, config.externalUrl());
                logql.add(g);
                out.add(g);
            }
        }
        logqlGroups = logql;
        for (Map.Entry<String, List<Path>> tenant : tenantRuleFiles().entrySet()) {
            for (Path file : tenant.getValue()) {
                for (RuleGroupDefinition def : loader.load(file)) {
                    out.add(new RuleGroup(def, tenant.getKey(), config.evaluationInterval(), RuleGroup.DEFAULT_RESEND_DELAY,
                            templates, config.externalUrl()));
                }
            }
        }
        return out;
    }

    /** The rule files under {@code vigil.alert.tenant-rules-dir}, by the tenant each folder is named for. */
    private Map<String, List<Path>> tenantRuleFiles() {
        Map<String, List<Path>> out = new TreeMap<>();
        if (config.tenantRulesDir().isEmpty()) {
            return out;
        }
        Path root = Path.of(config.tenantRulesDir().get());
        try (DirectoryStream<Path> tenants = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : tenants) {
                String tenant = Tenants.of(dir.getFileName().toString());
                List<Path> files = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{yml,yaml}")) {
                    ds.forEach(files::add);
                }
                files.sort(null);
                out.put(tenant, files);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list tenant rules in " + root + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a folder in " + root + " is not a tenant ID: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Path> files(List<String> patterns) {
        List<Path> files = new ArrayList<>();
        for (String pattern : patterns) {
            Path p = Path.of(pattern);
            String name = p.getFileName().toString();
            if (name.contains("*") || name.contains("?")) {
                Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
                    ds.forEach(files::add);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot list rule files " + pattern + ": " + e.getMessage(), e);
                }
            } else {
                files.add(p);
            }
        }
        files.sort(null);
        return files;
    }

    /** Nanoseconds until the group's next slot: whole milliseconds would start every run up to 1 ms early. */
    private long initialDelay(RuleGroup g) {
        Instant now = clock.instant();
        Instant slot = g.evaluationTime(now).plus(g.interval());
        return Math.max(0, Duration.between(now, slot).toNanos()) % Math.max(1, g.interval().toNanos());
    }


    private void evaluate(RuleGroup g) {
        try {
            synchronized (g) { // a streamed evaluation of the same group may be running
                if (groups.contains(g)) { // else a reload replaced it while this run waited
                    evaluateScheduled(g);
                }
            }
        } catch (RuntimeException ex) {
            LOG.errorf(ex, "evaluating group %s failed", g.name());
        }
    }

    private void evaluateScheduled(RuleGroup g) {
        Instant ts = g.notBeforeLastEvaluation(g.slotOfRun(clock.instant()));
        String tenant = g.tenant();
        EvaluationResult r = g.evaluate(ts, queriesFor(g));
        deliver(r.alerts(), tenant);
        if (!r.samples().isEmpty()) {
            List<MetricSeries> series = new ArrayList<>();
            for (VectorSample s : r.samples()) {
                series.add(new MetricSeries(Tenants.stamp(s.labels(), tenant), List.of(new Sample(ts.toEpochMilli(), s.value()))));
            }
            recordings.publishMetrics(series);
        }
        saveState(g);
        synchronized (this) {
            lastErrors.keySet().removeIf(k -> k.startsWith(g.key() + "/"));
            r.errors().forEach((rule, err) -> lastErrors.put(g.key() + "/" + rule, err));
        }
        r.errors().forEach((rule, err) -> LOG.warnf("rule %s in group %s: %s", rule, g.name(), err));
    }

    /**
     * Evaluates {@code g}'s streamed rules now, because samples of their series arrived. Only an
     * evaluation that sends alerts saves the state at once; the next scheduled run saves the rest.
     */
    private void evaluateStreamed(RuleGroup g) {
        StreamingRules s = streaming;
        if (s == null || !s.ready()) {
            return; // not answered locally yet
        }
        try {
            synchronized (g) {
                if (!groups.contains(g)) {
                    return; // a reload replaced it
                }
                Instant ts = g.notBeforeLastEvaluation(clock.instant());
                EvaluationResult r = g.evaluateAlerting(ts, queriesFor(g), s.streamedRules(g));
                streamedEvaluations.increment();
                deliver(r.alerts(), g.tenant());
                if (!r.alerts().isEmpty()) {
                    saveState(g);
                }
                r.errors().forEach((rule, err) -> LOG.warnf("rule %s in group %s: %s", rule, g.name(), err));
            }
        } catch (RuntimeException ex) {
            LOG.errorf(ex, "evaluating group %s on arrival of samples failed", g.name());
        }
    }

    /** The group's query function: the query APIs, or the streaming store for the rules that stream. */
    private QueryFunction queriesFor(RuleGroup g) {
        String tenant = g.tenant();
        if (logqlGroups.contains(g)) {
            return (expr, t) -> queries.queryLogs(expr, t, tenant);
        }
        QueryFunction remote = (expr, t) -> queries.query(expr, t, tenant);
        StreamingRules s = streaming;
        return s == null ? remote : s.queries(remote, tenant);
    }

    /** Hands alerts to the routing engine and dispatches at once: groups with group_wait 0 are due now. */
    private void deliver(List<OutgoingAlert> alerts, String tenant) {
        RoutingEngine e = engine;
        for (OutgoingAlert a : alerts) {
            e.receive(Tenants.stamp(a.labels(), tenant), a.annotations(), Optional.of(a.startsAt()), Optional.of(a.endsAt()),
                    a.generatorUrl());
        }
        if (!alerts.isEmpty()) {
            tick();
        }
    }

    private void saveState(RuleGroup g) {
        for (Map.Entry<String, List<AlertInstance>> st : g.alertState().entrySet()) {
            topics.state(Topics.ALERT_STATE, st.getKey(),
                    st.getValue().isEmpty() ? null : AlertStateCodec.toJson(st.getValue()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void tick() {
        try {
            RoutingEngine e = engine;
            if (e != null) {
                e.tick();
            }
        } catch (RuntimeException ex) {
            LOG.errorf(ex, "notification dispatch failed");
        }
    }

    /**
     * Writes a webhook notification to {@code vigil.alerts} as it goes out: the producer sends
     * while the receiver's request is under way, instead of after its answer.
     */
    private void publish(Notification n) {
        if (n instanceof HttpNotification h && h.kind().equals("webhook")) {
            topics.notification(h.groupKey(), h.json());
        }
    }

    private void restore() {
        Duration t = Duration.ofSeconds(30);
        for (Map.Entry<String, String> e : StateTopics.readAll(kafka, Topics.ALERT_STATE, t).entrySet()) {
            restoredState.put(e.getKey(), AlertStateCodec.fromJson(e.getValue()));
        }
        List<Silence> restoredSilences = new ArrayList<>();
        for (String json : StateTopics.readAll(kafka, Topics.SILENCES, t).values()) {
            restoredSilences.add(SilenceCodec.fromJson(json));
        }
        silences.restore(restoredSilences);
        List<NotificationEntry> entries = new ArrayList<>();
        for (String json : StateTopics.readAll(kafka, Topics.NOTIFICATION_LOG, t).values()) {
            entries.add(NotificationLog.fromJson(json));
        }
        nflog.restore(entries);
        LOG.infof("restored %d rule state(s), %d silence(s), %d notification log entr(ies)",
                restoredState.size(), silences.all().size(), entries.size());
    }
}
