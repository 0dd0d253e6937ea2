package dev.vigil.collector.scrape.config;

import dev.vigil.collector.scrape.ScrapeAuth;
import dev.vigil.collector.scrape.relabel.RelabelRule;
import dev.vigil.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code scrape_configs}, with Prometheus's defaults filled in.
 *
 * @param params        URL query parameters of every scrape ({@code __param_<name>} labels override them)
 * @param staticConfigs the {@code static_configs} target groups
 * @param podDiscovery  the {@code kubernetes_sd_configs} of role {@code pod}: namespaces to look in
 *                      (an empty list is every namespace); pods on this node only
 */
public record ScrapeJobConfig(String jobName, Duration interval, Duration timeout, String metricsPath, String scheme,
                              Map<String, List<String>> params, boolean honorLabels, boolean honorTimestamps, int sampleLimit,
                              List<TargetGroup> staticConfigs, List<List<String>> podDiscovery, List<RelabelRule> relabel,
                              List<RelabelRule> metricRelabel, Optional<ScrapeAuth> auth) {
    public ScrapeJobConfig {
        params = Map.copyOf(params);
        staticConfigs = List.copyOf(staticConfigs);
        podDiscovery = List.copyOf(podDiscovery);
        relabel = List.copyOf(relabel);
        metricRelabel = List.copyOf(metricRelabel);
    }

    /** A {@code static_configs} entry: its targets ({@code host:port}) and the labels put on each. */
    public record TargetGroup(List<String> targets, Labels labels) {
        public TargetGroup {
            targets = List.copyOf(targets);
        }
    }
}
