package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.model.json.DiagnosticsResult.Status;
import io.fabric8.kubernetes.api.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubelet versions within the supported skew from the API server: never newer, and at most three
 * minor versions older since Kubernetes 1.28 (two before).
 */
public final class KubeletSkewCheck implements Check {
    public static final String NAME = "kubelet-version-skew";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    /** A {@code major.minor} pair parsed from a git version such as {@code v1.29.4-eks-1}. */
    record Minor(int major, int minor) {
        static Optional<Minor> parse(String version) {
            Matcher m = VERSION.matcher(version == null ? "" : version);
            return m.find() ? Optional.of(new Minor(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))) : Optional.empty();
        }
    }

    /** How many minors a kubelet may lag an API server of this version. */
    static int allowedSkew(Minor server) {
        return server.major() > 1 || server.minor() >= 28 ? 3 : 2;
    }

    @Override
    public CheckResult run(ClusterSnapshot s) {
        Optional<Minor> server = Minor.parse(s.serverVersion());
        if (server.isEmpty()) {
            return CheckResult.skipped(NAME, "API server version '" + s.serverVersion() + "' is not a Kubernetes version");
        }
        int allowed = allowedSkew(server.get());
        List<String> problems = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (Node n : s.nodes()) {
            String kv = n.getStatus() == null || n.getStatus().getNodeInfo() == null ? "" : n.getStatus().getNodeInfo().getKubeletVersion();
            Optional<Minor> k = Minor.parse(kv);
            String name = n.getMetadata().getName();
            if (k.isEmpty()) {
                continue;
            }
            if (k.get().major() != server.get().major()) {
                subjects.add(name);
                problems.add(name + " runs kubelet " + kv + ", another major version than the API server");
                continue;
            }
            int lag = server.get().minor() - k.get().minor();
            if (lag < 0) {
                subjects.add(name);
                problems.add(name + " runs kubelet " + kv + ", newer than the API server " + s.serverVersion()
                        + ": upgrade the control plane first");
            } else if (lag > allowed) {
                subjects.add(name);
                problems.add(name + " runs kubelet " + kv + ", " + lag + " minor versions behind the API server "
                        + s.serverVersion() + " (at most " + allowed + " supported): upgrade the node");
            }
        }
        if (problems.isEmpty()) {
            return CheckResult.passed(NAME, "every kubelet is within " + allowed + " minor versions of the API server " + s.serverVersion());
        }
        return new CheckResult(NAME, Status.FAILED, String.join("; ", problems), subjects);
    }
}
