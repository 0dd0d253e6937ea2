package dev.vigil.collector.scrape.config;

import dev.vigil.collector.scrape.PodMetaLabels;
import dev.vigil.collector.scrape.ScrapeTarget;
import dev.vigil.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The targets of one configured scrape job in a round: its static groups and the pods of this
 * node its {@code kubernetes_sd_configs} find, each through {@link TargetPopulation}. Every
 * discovered target also carries {@code __meta_vigil_node_name} and {@code __meta_vigil_node_os},
 * so one configuration file serves a whole DaemonSet: a relabel rule can tell the nodes' own
 * {@code localhost} targets apart.
 */
public final class JobTargets {
    private final ScrapeJobConfig job;
    private final Labels nodeMeta;

    public JobTargets(ScrapeJobConfig job, String nodeName, String os) {
        this.job = job;
        this.nodeMeta = Labels.of("__meta_vigil_node_name", nodeName, "__meta_vigil_node_os", os);
    }

    public ScrapeJobConfig job() {
        return job;
    }

    /** Whether the job looks for pods (and so needs the Kubernetes API). */
    public boolean discoversPods() {
        return !job.podDiscovery().isEmpty();
    }

    /**
     * This round's targets, one per URL and label set, and the reasons targets could not be made
     * (by message, with how many targets each).
     *
     * @param pods the pods on this node, asked only when the job discovers pods; its exception propagates
     */
    public Round round(Supplier<List<Pod>> pods) {
        List<Labels> discovered = new ArrayList<>();
        for (ScrapeJobConfig.TargetGroup g : job.staticConfigs()) {
            for (String t : g.targets()) {
                discovered.add(with(g.labels().toBuilder().set("__address__", t).build()));
            }
        }
        if (discoversPods()) {
            List<Pod> listed = pods.get();
            for (List<String> namespaces : job.podDiscovery()) {
                Set<String> wanted = Set.copyOf(namespaces);
                for (Pod p : listed) {
                    String ns = p.getMetadata() == null || p.getMetadata().getNamespace() == null ? "" : p.getMetadata().getNamespace();
                    if (wanted.isEmpty() || wanted.contains(ns)) {
                        PodMetaLabels.targets(p).forEach(l -> discovered.add(with(l)));
                    }
                }
            }
        }
        Map<String, ScrapeTarget> targets = new LinkedHashMap<>();
        Map<String, Integer> errors = new LinkedHashMap<>();
        for (Labels l : discovered) {
            TargetPopulation.Outcome o = TargetPopulation.populate(job, l);
            o.target().ifPresent(t -> targets.putIfAbsent(t.url() + " " + t.labels(), t));
            o.error().ifPresent(e -> errors.merge(e, 1, Integer::sum));
        }
        return new Round(targets, errors);
    }

    private Labels with(Labels l) {
        Labels.Builder b = l.toBuilder();
        nodeMeta.forEach(m -> b.set(m.name(), m.value()));
        return b.build();
    }

    /**
     * @param targets by identity (URL and labels), in discovery order
     * @param errors  why targets could not be made, with how many each
     */
    public record Round(Map<String, ScrapeTarget> targets, Map<String, Integer> errors) {
    }
}
