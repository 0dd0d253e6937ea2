package dev.vigil.diagnostics;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixture cluster: two Linux nodes, two Windows nodes tainted {@code os=windows:NoSchedule},
 * a node-agent DaemonSet without an OS selector that tolerates every taint (so it lands on Windows
 * nodes too), a Deployment that selects Linux, a Windows pod in ImagePullBackOff because its image
 * is a Linux image, a crash-looping CoreDNS pod in kube-system and a Warning event about it.
 */
public final class MixedCluster {
    public static final String SERVER_VERSION = "v1.29.4";
    public static final String OS_MISMATCH_MESSAGE = "Back-off pulling image \"registry.example/shop/web:1.4\": "
            + "failed to pull and unpack image: image operating system \"linux\" cannot be used on this platform";

    private MixedCluster() {
    }

    public static List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            nodes.add(new NodeBuilder().withNewMetadata().withName("linux-" + i)
                    .addToLabels("kubernetes.io/os", "linux").addToLabels("kubernetes.io/arch", "amd64").endMetadata()
                    .withNewStatus().withNewNodeInfo().withOperatingSystem("linux").withArchitecture("amd64")
                    .withOsImage("Ubuntu 22.04.4 LTS").withKernelVersion("5.15.0-105-generic").withKubeletVersion("v1.29.4")
                    .withContainerRuntimeVersion("containerd://1.7.13").endNodeInfo()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build());
            nodes.add(new NodeBuilder().withNewMetadata().withName("win-" + i)
                    .addToLabels("kubernetes.io/os", "windows").addToLabels("kubernetes.io/arch", "amd64").endMetadata()
                    .withNewSpec().addNewTaint().withKey("os").withValue("windows").withEffect("NoSchedule").endTaint().endSpec()
                    .withNewStatus().withNewNodeInfo().withOperatingSystem("windows").withArchitecture("amd64")
                    .withOsImage("Windows Server 2022 Datacenter").withKernelVersion("10.0.20348.2402").withKubeletVersion("v1.29.4")
                    .withContainerRuntimeVersion("containerd://1.7.13").endNodeInfo()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build());
        }
        return nodes;
    }

    public static List<Namespace> namespaces() {
        return List.of("default", "kube-system", "monitoring", "shop").stream()
                .map(n -> new NamespaceBuilder().withNewMetadata().withName(n).endMetadata().build()).toList();
    }

    /** The DaemonSet the report must name: no OS selector, tolerates everything. */
    public static DaemonSet nodeAgent() {
        return new DaemonSetBuilder().withNewMetadata().withName("node-agent").withNamespace("monitoring").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "node-agent").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "node-agent").endMetadata()
                .withNewSpec().addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName("agent").withImage("registry.example/node-agent:2.0").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    public static Deployment linuxWeb() {
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addToNodeSelector("kubernetes.io/os", "linux")
                .addNewContainer().withName("web").withImage("registry.example/shop/web:1.4").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    public static List<Pod> pods() {
        Pod healthy = new PodBuilder().withNewMetadata().withName("web-6f7d-abcde").withNamespace("shop").endMetadata()
                .withNewSpec().withNodeName("linux-1").addNewContainer().withName("web").withImage("registry.example/shop/web:1.4").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder().withName("web")
                        .withImage("registry.example/shop/web:1.4").withReady(true).withNewState().withNewRunning().endRunning().endState().build())
                .endStatus().build();
        Pod mismatch = new PodBuilder().withNewMetadata().withName("web-win-7c9f").withNamespace("shop").endMetadata()
                .withNewSpec().withNodeName("win-1").addNewContainer().withName("web").withImage("registry.example/shop/web:1.4").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").addToContainerStatuses(new ContainerStatusBuilder().withName("web")
                        .withImage("registry.example/shop/web:1.4").withReady(false).withNewState().withNewWaiting()
                        .withReason("ImagePullBackOff").withMessage(OS_MISMATCH_MESSAGE).endWaiting().endState().build())
                .endStatus().build();
        Pod crashing = new PodBuilder().withNewMetadata().withName("coredns-5d78c9869d-x2x7q").withNamespace("kube-system").endMetadata()
                .withNewSpec().withNodeName("linux-2").addToNodeSelector("kubernetes.io/os", "linux")
                .addNewContainer().withName("coredns").withImage("registry.k8s.io/coredns/coredns:v1.11.1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").addToContainerStatuses(new ContainerStatusBuilder().withName("coredns")
                        .withImage("registry.k8s.io/coredns/coredns:v1.11.1").withReady(false).withRestartCount(12).withNewState().withNewWaiting()
                        .withReason("CrashLoopBackOff").withMessage("back-off 5m0s restarting failed container=coredns").endWaiting().endState().build())
                .endStatus().build();
        return List.of(healthy, mismatch, crashing);
    }

    public static List<Event> events() {
        return List.of(new EventBuilder().withNewMetadata().withName("coredns.17a").withNamespace("kube-system").endMetadata()
                .withType("Warning").withReason("BackOff").withMessage("Back-off restarting failed container coredns")
                .withNewInvolvedObject().withKind("Pod").withName("coredns-5d78c9869d-x2x7q").withNamespace("kube-system").endInvolvedObject()
                .withCount(40).withLastTimestamp("2026-11-25T20:00:00Z").build(),
                new EventBuilder().withNewMetadata().withName("web.1").withNamespace("shop").endMetadata()
                        .withType("Normal").withReason("Scheduled").withMessage("Successfully assigned")
                        .withNewInvolvedObject().withKind("Pod").withName("web-6f7d-abcde").endInvolvedObject()
                        .withLastTimestamp("2026-11-25T19:00:00Z").build());
    }

    /** The fixture as a snapshot, for checks tested without a server. */
    public static ClusterSnapshot snapshot() {
        return new ClusterSnapshot(SERVER_VERSION, List.of(), nodes(), namespaces(), pods(), List.of(nodeAgent()),
                List.of(linuxWeb()), List.of(), List.of(), events());
    }

    public static void seed(KubernetesClient c) {
        nodes().forEach(n -> c.nodes().resource(n).create());
        namespaces().forEach(n -> c.namespaces().resource(n).create());
        c.apps().daemonSets().resource(nodeAgent()).create();
        c.apps().deployments().resource(linuxWeb()).create();
        pods().forEach(p -> c.pods().resource(p).create());
        events().forEach(e -> c.v1().events().resource(e).create());
    }
}
