package dev.vigil.diagnostics.inventory;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@link ClusterSnapshot} through the Kubernetes API. Discovery of API resources is best
 * effort: an API server that refuses discovery still yields the rest of the snapshot.
 *
 * @throws KubernetesClientException from {@link #read()} when the cluster does not answer at all
 */
public final class ClusterReader {
    private final KubernetesClient client;

    public ClusterReader(KubernetesClient client) {
        this.client = client;
    }

    public ClusterSnapshot read() {
        String version = Optional.ofNullable(client.getKubernetesVersion()).map(VersionInfo::getGitVersion).orElse("unknown");
        return new ClusterSnapshot(version, apiResources(),
                client.nodes().list().getItems(),
                client.namespaces().list().getItems(),
                client.pods().inAnyNamespace().list().getItems(),
                client.apps().daemonSets().inAnyNamespace().list().getItems(),
                client.apps().deployments().inAnyNamespace().list().getItems(),
                client.apps().statefulSets().inAnyNamespace().list().getItems(),
                client.batch().v1().jobs().inAnyNamespace().list().getItems(),
                client.v1().events().inAnyNamespace().list().getItems());
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
