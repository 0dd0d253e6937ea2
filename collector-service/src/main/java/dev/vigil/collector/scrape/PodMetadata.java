package dev.vigil.collector.scrape;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a pod that decide whether and where to scrape it.
 *
 * @param containerPorts the declared container ports, in declaration order
 */
public record PodMetadata(String namespace, String name, String nodeName, String podIp, String phase,
                          Map<String, String> annotations, List<Integer> containerPorts) {
    public PodMetadata {
        annotations = Map.copyOf(annotations);
        containerPorts = List.copyOf(containerPorts);
    }

    /** From a Kubernetes API pod; absent fields become empty. */
    public static PodMetadata from(Pod pod) {
        var meta = pod.getMetadata();
        PodSpec spec = Optional.ofNullable(pod.getSpec()).orElseGet(PodSpec::new);
        PodStatus status = Optional.ofNullable(pod.getStatus()).orElseGet(PodStatus::new);
        List<Integer> ports = new ArrayList<>();
        for (Container c : Optional.ofNullable(spec.getContainers()).orElse(List.of())) {
            for (ContainerPort p : Optional.ofNullable(c.getPorts()).orElse(List.of())) {
                if (p.getContainerPort() != null && !"UDP".equalsIgnoreCase(p.getProtocol())) {
                    ports.add(p.getContainerPort());
                }
            }
        }
        return new PodMetadata(
                meta == null || meta.getNamespace() == null ? "" : meta.getNamespace(),
                meta == null || meta.getName() == null ? "" : meta.getName(),
                Optional.ofNullable(spec.getNodeName()).orElse(""),
                Optional.ofNullable(status.getPodIP()).orElse(""),
                Optional.ofNullable(status.getPhase()).orElse(""),
                meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations(),
                ports);
    }
}
