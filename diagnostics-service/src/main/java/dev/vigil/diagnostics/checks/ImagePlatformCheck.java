package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.Scheduling;
import dev.vigil.diagnostics.inventory.Workloads;
import dev.vigil.diagnostics.registry.ImagePlatforms;
import dev.vigil.diagnostics.registry.Platform;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Images with no variant for a node their workload can be scheduled on, found from the registry's
 * manifest list before any pod fails (where {@link ImageOsMismatchCheck} sees only pods already
 * failing): a Linux-only image in a Deployment with no OS selector on a cluster with Windows nodes,
 * an amd64-only image that can land on arm64 nodes, a Windows image built for another Windows
 * build than the node's ({@link Scheduling#windowsBuild}; process isolation needs the same build).
 * Images whose platforms cannot be found out (no access, no network) are not judged, and the
 * message says how many.
 */
public final class ImagePlatformCheck implements Check {
    public static final String NAME = "image-platforms-match-nodes";
    static final String ARCH_LABEL = "kubernetes.io/arch";
    private static final int NODES_NAMED = 3;

    private final ImagePlatforms platforms;

    public ImagePlatformCheck(ImagePlatforms platforms) {
        this.platforms = platforms;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        List<String> problems = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        Set<String> judged = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Workloads.Workload w : Workloads.of(s)) {
            List<Node> reachable = s.nodes().stream().filter(n -> Scheduling.canLandOn(w.podSpec(), n)).toList();
            if (reachable.isEmpty()) {
                continue;
            }
            List<Container> containers = Stream.concat(
                    Optional.ofNullable(w.podSpec().getInitContainers()).orElse(List.of()).stream(),
                    Optional.ofNullable(w.podSpec().getContainers()).orElse(List.of()).stream()).toList();
            for (Container c : containers) {
                if (c.getImage() == null || c.getImage().isBlank()) {
                    continue;
                }
                Optional<List<Platform>> variants = platforms.platforms(c.getImage());
                if (variants.isEmpty() || variants.get().isEmpty()) {
                    unknown.add(c.getImage());
                    continue;
                }
                judged.add(c.getImage());
                List<String> misses = new ArrayList<>();
                for (Node n : reachable) {
                    Map<String, String> labels = Optional.ofNullable(n.getMetadata().getLabels()).orElse(Map.of());
                    String os = Scheduling.nodeOs(n);
                    String arch = labels.getOrDefault(ARCH_LABEL, "");
                    String build = "windows".equals(os) ? Scheduling.windowsBuild(n) : "";
                    if (variants.get().stream().noneMatch(p -> p.runsOn(os, arch, build))) {
                        misses.add(n.getMetadata().getName() + " (" + os + (arch.isEmpty() ? "" : "/" + arch)
                                + (build.isEmpty() ? "" : " " + build) + ")");
                    }
                }
                if (!misses.isEmpty()) {
                    subjects.add(w.ref());
                    String nodes = misses.size() <= NODES_NAMED ? String.join(", ", misses)
                            : String.join(", ", misses.subList(0, NODES_NAMED)) + " and " + (misses.size() - NODES_NAMED) + " more";
                    problems.add(w.ref() + " container " + c.getName() + " (" + c.getImage() + ") has variants for "
                            + variants.get() + " only, but can be scheduled on " + nodes
                            + ": select the nodes its image runs on (e.g. `nodeSelector: {kubernetes.io/os: ...}`), or publish the missing variant");
                }
            }
        }
        String scope = judged.size() + " images judged from their registries" + (unknown.isEmpty() ? ""
                : ", " + unknown.size() + " whose platforms could not be found out");
        if (problems.isEmpty()) {
            return CheckResult.passed(NAME, "every image has a variant for each node its workload can be scheduled on (" + scope + ")");
        }
        return new CheckResult(NAME, Status.FAILED, String.join("; ", problems) + " (" + scope + ")", List.copyOf(subjects));
    }
}
