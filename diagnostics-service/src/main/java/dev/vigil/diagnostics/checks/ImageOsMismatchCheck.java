package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.Scheduling;
import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.InventoryCollector;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Pods that cannot start because the image was built for another OS than the node's: containerd
 * reports {@code image operating system "linux" cannot be used on this platform} in the waiting
 * message (reason ImagePullBackOff, ErrImagePull or CreateContainerError), Docker and registries
 * {@code no matching manifest for windows/amd64}.
 */
public final class ImageOsMismatchCheck implements Check {
    public static final String NAME = "image-os-matches-node";
    private static final Pattern IMAGE_OS = Pattern.compile("image operating system \"?([A-Za-z]+)\"? cannot be used on this platform");
    private static final Pattern NO_MANIFEST = Pattern.compile("no (?:matching manifest|match for platform in manifest)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        Map<String, Node> nodes = s.nodes().stream().collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity(), (a, b) -> a));
        List<String> problems = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (Pod p : s.pods()) {
            for (ContainerStatus cs : InventoryCollector.containerStatuses(p)) {
                ContainerStateWaiting w = cs.getState() == null ? null : cs.getState().getWaiting();
                if (w == null || w.getMessage() == null) {
                    continue;
                }
                String msg = w.getMessage();
                Matcher m = IMAGE_OS.matcher(msg);
                boolean osMismatch = m.find();
                if (!osMismatch && !NO_MANIFEST.matcher(msg.toLowerCase(Locale.ROOT)).find()) {
                    continue;
                }
                String nodeName = p.getSpec() == null || p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName();
                Node node = nodes.get(nodeName);
                String nodeOs = node == null ? "unknown" : Scheduling.nodeOs(node);
                String ref = "Pod " + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
                String imageOs = osMismatch ? m.group(1).toLowerCase(Locale.ROOT) : "another OS";
                subjects.add(ref);
                problems.add(ref + " container " + cs.getName() + " (" + cs.getImage() + ") is " + w.getReason() + " on " + nodeOs
                        + " node " + nodeName + ": the image is built for " + imageOs + "; add `nodeSelector: {kubernetes.io/os: "
                        + (osMismatch ? imageOs : "<the image's OS>") + "}` to its controller, or publish a multi-OS image");
                break;
            }
        }
        if (problems.isEmpty()) {
            return CheckResult.passed(NAME, "no pod is failing on an image built for another OS");
        }
        return new CheckResult(NAME, Status.FAILED, String.join("; ", problems), subjects);
    }
}
