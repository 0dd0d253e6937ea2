package dev.vigil.diagnostics.inventory;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a {@link ClusterSnapshot} through the Kubernetes API. Discovery of API resources is best
 * effort: an API server that refuses discovery still yields the rest of the snapshot.
 *
 * @throws KubernetesClientException from {@link #read()} when the cluster does not answer at all
 */
public final class ClusterReader {
    private final KubernetesClient client;
    private final List<QueryTime> timings = new ArrayList<>();

    public ClusterReader(KubernetesClient client) {
        this.client = client;
    }

    public ClusterSnapshot read() {
        String version = timed("serverversion", () -> Optional.ofNullable(client.getKubernetesVersion())
                .map(VersionInfo::getGitVersion).orElse("unknown"));
        return new ClusterSnapshot(version, timed("servergroups", this::apiResources),
                timed("nodes", () -> client.nodes().list().getItems()),
                timed("namespaces", () -> client.namespaces().list().getItems()),
                timed("pods", () -> client.pods().inAnyNamespace().list().getItems()),
                timed("daemonsets", () -> client.apps().daemonSets().inAnyNamespace().list().getItems()),
                timed("deployments", () -> client.apps().deployments().inAnyNamespace().list().getItems()),
                timed("statefulsets", () -> client.apps().statefulSets().inAnyNamespace().list().getItems()),
                timed("jobs", () -> client.batch().v1().jobs().inAnyNamespace().list().getItems()),
                timed("events", () -> client.v1().events().inAnyNamespace().list().getItems()));
    }

    /** How long each query of the last {@link #read()} took, in the order asked (Sonobuoy's {@code meta/query-time.json}). */
    public List<QueryTime> timings() {
        return List.copyOf(timings);
    }

    private <T> T timed(String what, Supplier<T> query) {
        long start = System.nanoTime();
        T result = query.get();
        timings.add(new QueryTime(what, "", Duration.ofNanos(System.nanoTime() - start)));
        return result;
    }

    private List<ClusterSnapshot.ApiResource> apiResources() {
        List<ClusterSnapshot.ApiResource> out = new ArrayList<>();
        List<String> groupVersions = new ArrayList<>();
        groupVersions.add("v1");
        try {
            APIGroupList groups = client.getApiGroups();
            if (groups != null && groups.getGroups() != null) {
                for (APIGroup g : groups.getGroups()) {
                    GroupVersionForDiscovery preferred = g.getPreferredVersion();
                    if (preferred != null && preferred.getGroupVersion() != null) {
                        groupVersions.add(preferred.getGroupVersion());
                    }
                }
            }
        } catch (KubernetesClientException e) {
            // discovery refused or not served: the resource list stays core-only
        }
        for (String gv : groupVersions) {
            try {
                APIResourceList list = client.getApiResources(gv);
                if (list != null && list.getResources() != null) {
                    list.getResources().stream().filter(r -> !r.getName().contains("/"))
                            .forEach(r -> out.add(new ClusterSnapshot.ApiResource(gv, r.getKind(), r.getName(),
                                    Boolean.TRUE.equals(r.getNamespaced()))));
                }
            } catch (KubernetesClientException e) {
                // one group failing discovery (an aggregated API that is down) must not hide the others
            }
        }
        return out;
    }
}
