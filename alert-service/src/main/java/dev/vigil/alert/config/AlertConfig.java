package dev.vigil.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the alert service: where rules and alertmanager.yml live and what to query. */
@ConfigMapping(prefix = "vigil.alert")
public interface AlertConfig {
    /**
     * Prometheus rule files (globs allowed in the file name part). An expression that is not PromQL
     * but is LogQL is evaluated against the logs API.
     */
    Optional<List<String>> ruleFiles();

    /**
     * Loki rule files (globs allowed in the file name part): every expression is LogQL and is
     * evaluated against the logs API, as Loki's ruler evaluates its rule files, including those that
     * would also parse as PromQL ({@code sum(rate({job="x"}[1m])) > 0}).
     */
    Optional<List<String>> logqlRuleFiles();

    /**
     * Rules of tenants other than the default one, as Loki's and Mimir's rulers keep them on local
     * storage: each folder under this one is named for a tenant and holds that tenant's rule files
     * ({@code *.yml}, {@code *.yaml}); they read the tenant's data and raise the tenant's alerts.
     */
    Optional<String> tenantRulesDir();

    /** An alertmanager.yml, read as Alertmanager reads it. */
    Optional<String> configFile();

    /** Prometheus-compatible query API for PromQL rules (metrics-service by default). */
    @WithDefault("http://127.0.0.1:9090")
    String queryUrl();

    /** Loki-compatible query API for LogQL rules (logs-service by default). */
    @WithDefault("http://127.0.0.1:3100")
    String logsUrl();

    /** Default evaluation interval of groups that set none (Prometheus's global evaluation_interval). */
    @WithDefault("15s")
    Duration evaluationInterval();

    /** Base URL of this service as users reach it, for generatorURL and externalURL. */
    @WithDefault("http://127.0.0.1:9093")
    String externalUrl();

    /** Labels added to every alert, as Prometheus's global external_labels. */
    Map<String, String> externalLabels();

    /** Per-query timeout against the query APIs. */
    @WithDefault("30s")
    Duration queryTimeout();

    /** Evaluation of alerting rules as their samples arrive; see the alert service's README. */
    Streaming streaming();

    interface Streaming {
        /**
         * Follow {@code vigil.metrics} and evaluate the alerting rules whose expressions stream the
         * moment a sample of theirs arrives (and on their group's timer, over the same samples);
         * false evaluates every rule on the timer through the query API.
         */
        @WithDefault("true")
        boolean enabled();

        /** The metrics service's {@code vigil.metrics.query.lookback-delta}: answers equal its only when these are equal. */
        @WithDefault("5m")
        Duration lookbackDelta();

        /** The metrics service's {@code vigil.metrics.storage.out-of-order-window}, for the same reason. */
        @WithDefault("10m")
        Duration outOfOrderWindow();

        /**
         * Series the streaming rules may watch; past it they are evaluated through the query API
         * (on the timer) until the next reload, and a warning says so. A series costs about 1.4 KiB
         * with a 5-minute window of 15 s samples (its labels, samples and indexes), so the default
         * is about 140 MiB, within the 768Mi limit of the alert service in deploy/k8s.
         */
        @WithDefault("100000")
        int maxSeries();
    }
}
