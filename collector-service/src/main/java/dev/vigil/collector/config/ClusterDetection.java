package dev.vigil.collector.config;

import dev.vigil.collector.kubelet.KubeletClientConfig;
import dev.vigil.model.NodeOs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether the collector runs inside a Kubernetes cluster, so cluster-only work (pod
 * discovery, kubelet stats, node logs by default) is skipped cleanly on a plain machine.
 */
public final class ClusterDetection {
    private ClusterDetection() {
    }

    /**
     * {@code "true"}/{@code "false"} force the answer; {@code "auto"} looks for the API server's
     * environment variable or the service-account token file of the node's OS.
     */
    public static boolean inCluster(String setting, NodeOs os, Map<String, String> env) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "auto" -> !env.getOrDefault("KUBERNETES_SERVICE_HOST", "").isBlank() || Files.isRegularFile(tokenFile(os));
            default -> throw new IllegalArgumentException("vigil.collector.in-cluster must be auto, true or false, got '"
                    + setting + "'");
        };
    }

    private static Path tokenFile(NodeOs os) {
        return os == NodeOs.WINDOWS
                ? Path.of(KubeletClientConfig.WINDOWS_SERVICE_ACCOUNT, "token")
                : Path.of(KubeletClientConfig.LINUX_SERVICE_ACCOUNT, "token");
    }
}
