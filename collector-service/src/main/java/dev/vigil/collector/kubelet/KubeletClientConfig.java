package dev.vigil.collector.kubelet;

import dev.vigil.model.NodeOs;
import java.net.URI;
import java.time.Duration;

/**
 * Where the kubelet's Summary API is and how to authenticate to it. The token and CA paths are
 * kept as strings of the node's own OS and only turned into paths on that OS.
 *
 * @param endpoint  the Summary API URL, by default {@code https://<node>:10250/stats/summary}
 * @param tokenPath the service-account bearer token, re-read on every request because projected
 *                  tokens rotate
 * @param caPath    PEM certificates that sign the kubelet's serving certificate
 * @param timeout   the whole request must finish within this
 * @param insecureSkipVerify accept any certificate: for kubelets with self-signed serving
 *                  certificates (kubeadm's default), as metrics-server's --kubelet-insecure-tls
 */
public record KubeletClientConfig(URI endpoint, String tokenPath, String caPath, Duration timeout, boolean insecureSkipVerify) {
    public static final String LINUX_SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
    public static final String WINDOWS_SERVICE_ACCOUNT = "C:\\var\\run\\secrets\\kubernetes.io\\serviceaccount";
    public static final int KUBELET_PORT = 10250;

    public KubeletClientConfig {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("kubelet endpoint must be an http(s) URL, got " + endpoint);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("kubelet timeout must be positive, got " + timeout);
        }
    }

    /** Defaults for a node of this OS: port 10250 on {@code nodeAddress}, the pod's service-account token and CA. */
    public static KubeletClientConfig forNode(String nodeAddress, NodeOs os) {
        String dir = os == NodeOs.WINDOWS ? WINDOWS_SERVICE_ACCOUNT : LINUX_SERVICE_ACCOUNT;
        String sep = os == NodeOs.WINDOWS ? "\\" : "/";
        String host = nodeAddress.contains(":") ? "[" + nodeAddress + "]" : nodeAddress;
        return new KubeletClientConfig(URI.create("https://" + host + ":" + KUBELET_PORT + "/stats/summary"),
                dir + sep + "token", dir + sep + "ca.crt", Duration.ofSeconds(10), false);
    }

    public KubeletClientConfig withEndpoint(URI newEndpoint) {
        return new KubeletClientConfig(newEndpoint, tokenPath, caPath, timeout, insecureSkipVerify);
    }

    public KubeletClientConfig withTokenPath(String path) {
        return new KubeletClientConfig(endpoint, path, caPath, timeout, insecureSkipVerify);
    }

    public KubeletClientConfig withCaPath(String path) {
        return new KubeletClientConfig(endpoint, tokenPath, path, timeout, insecureSkipVerify);
    }

    public KubeletClientConfig withInsecureSkipVerify(boolean insecure) {
        return new KubeletClientConfig(endpoint, tokenPath, caPath, timeout, insecure);
    }
}
