package dev.vigil.diagnostics;

import dev.vigil.diagnostics.report.SonobuoyResultsTest;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD mock server plus what kubelets would answer behind the API server, which CRUD mode
 * cannot: a node's {@code /configz} and {@code /healthz} through the node proxy (the configz a
 * real kubelet gave, from the Sonobuoy fixture archive) and a pod container's log (a line naming
 * the pod and container). Both only for objects that exist in the mock cluster.
 */
public final class KubeletStandIn extends KubernetesCrudDispatcher {
    private static final Pattern NODE_PROXY = Pattern.compile("^/api/v1/nodes/([^/?]+)/proxy/(configz|healthz)$");
    private static final Pattern POD_LOG = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?$");
    private static final byte[] CONFIGZ = realConfigz();

    @Override
    public MockResponse handleGet(String path) {
        Matcher node = NODE_PROXY.matcher(path);
        if (node.matches()) {
            if (!exists("/api/v1/nodes/" + node.group(1))) {
                return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"code\":404}");
            }
            return new MockResponse().setResponseCode(200).setBody(node.group(2).equals("healthz") ? "ok".getBytes(StandardCharsets.UTF_8)
                    : CONFIGZ);
        }
        Matcher log = POD_LOG.matcher(path);
        if (log.matches()) {
            if (!exists("/api/v1/namespaces/" + log.group(1) + "/pods/" + log.group(2))) {
                return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"code\":404}");
            }
            return new MockResponse().setResponseCode(200).setBody(logLine(log.group(2), param(log.group(3), "container")));
        }
        return super.handleGet(path);
    }

    /** The log every container of a pod in the mock cluster has. */
    public static String logLine(String pod, String container) {
        return "log of container " + container + " in pod " + pod + "\n";
    }

    private static byte[] realConfigz() {
        try {
            return SonobuoyResultsTest.realArchive().get("hosts/kind-control-plane/configz.json");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean exists(String path) {
        return super.handleGet(path).getStatus().contains(" 200 ");
    }

    private static String param(String query, String name) {
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }
}
