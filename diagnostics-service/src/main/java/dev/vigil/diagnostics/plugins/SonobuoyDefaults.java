package dev.vigil.diagnostics.plugins;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

import java.util.List;
import java.util.Map;

/**
 * What Sonobuoy gives a plugin beyond its definition: the pod spec it runs a plugin with when the
 * definition has none, the environment every plugin container finds, and the folder its
 * {@code config-map} files are mounted in.
 */
public final class SonobuoyDefaults {
    /** Where a plugin finds its {@code config-map} files, as Sonobuoy's {@code SONOBUOY_CONFIG_DIR}. */
    public static final Map<String, String> CONFIG_DIR = Map.of("linux", "/tmp/sonobuoy/config", "windows", "C:\\tmp\\sonobuoy\\config");
    /** The port Sonobuoy's progress API listens on in the plugin's pod ({@code SONOBUOY_PROGRESS_PORT}). */
    public static final String PROGRESS_PORT = "8099";
    /** The variable plugin definitions use for the cluster's version, e.g. in the conformance image's tag. */
    public static final String K8S_VERSION = "SONOBUOY_K8S_VERSION";

    private SonobuoyDefaults() {
    }

    /**
     * The pod spec a plugin without one runs with. For a Job, Sonobuoy's default tolerations: the
     * control-plane taints and the e2e suite's own. For a DaemonSet, none: Sonobuoy's default
     * tolerates every taint (and shares the host's namespaces), but Vigil keeps to the Windows OS
     * taints it adds itself, so nodes tainted for maintenance or a dedicated pool are respected; a
     * plugin that must reach them says so in its own {@code podSpec}. Sonobuoy's default service
     * account is left out too: plugin pods run under the service account Vigil gives them.
     */
    public static PodSpec podSpec(PluginDefinition.Driver driver) {
        List<Toleration> tolerations = driver == PluginDefinition.Driver.DAEMONSET
                ? List.of()
                : List.of(exists("node-role.kubernetes.io/master", "NoSchedule"),
                        exists("node-role.kubernetes.io/control-plane", "NoSchedule"),
                        exists("CriticalAddonsOnly", null),
                        exists("kubernetes.io/e2e-evict-taint-key", null));
        return new PodSpecBuilder().withTolerations(tolerations).build();
    }

    private static Toleration exists(String key, String effect) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
    }

    /** {@code $SONOBUOY_K8S_VERSION} and {@code ${SONOBUOY_K8S_VERSION}} replaced by the cluster's version, as Sonobuoy does. */
    public static String expand(String text, String k8sVersion) {
        if (text == null || k8sVersion == null || k8sVersion.isEmpty()) {
            return text;
        }
        return text.replace("${" + K8S_VERSION + "}", k8sVersion).replace("$" + K8S_VERSION, k8sVersion);
    }
}
