package dev.vigil.collector.scrape;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the annotated pods on this node through the Kubernetes API (field selector
 * {@code spec.nodeName}), so each collector scrapes only its own node's pods.
 */
public final class PodTargetDiscovery {
    private final KubernetesClient client;
    private final String nodeName;
    private final PodScrapeTargets rules;

    public PodTargetDiscovery(KubernetesClient client, String nodeName, PodScrapeTargets rules) {
        this.client = client;
        this.nodeName = nodeName;
        this.rules = rules;
    }

    /** The current targets; an API failure propagates as the client's exception. */
    public List<ScrapeTarget> discover() {
        List<ScrapeTarget> out = new ArrayList<>();
        for (Pod pod : pods()) {
            rules.target(PodMetadata.from(pod)).ifPresent(out::add);
        }
        return out;
    }

    /** The pods on this node, for scrape configs' own discovery; an API failure propagates. */
    public List<Pod> pods() {
        return client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).list().getItems();
    }
}
