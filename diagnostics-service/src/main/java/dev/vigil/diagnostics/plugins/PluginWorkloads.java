package dev.vigil.diagnostics.plugins;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import dev.vigil.diagnostics.inventory.Scheduling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the Job or DaemonSet that runs a plugin on one OS: explicit {@code kubernetes.io/os}
 * selector, the per-OS image, tolerations for the Windows nodes' OS taints, a results volume the
 * plugin writes to (with a {@code done} file at the end, as in Sonobuoy), and the worker sidecar
 * that uploads the results. Everything carries {@code vigil.dev/run=<id>} so a run's objects can
 * be found and deleted together.
 */
public final class PluginWorkloads {
    public static final String RUN_LABEL = "vigil.dev/run";
    public static final String PLUGIN_LABEL = "vigil.dev/plugin";
    public static final String OS_LABEL = "vigil.dev/os";
    public static final String OS_SELECTOR = "kubernetes.io/os";
    /** Where the plugin writes its results, as Sonobuoy's {@code RESULTS_DIR}. */
    public static final Map<String, String> RESULTS_DIR = Map.of("linux", "/tmp/sonobuoy/results", "windows", "C:\\tmp\\sonobuoy\\results");

    private PluginWorkloads() {
    }

    /** What the builder needs beyond the definition. */
    public record Target(String runId, String os, String namespace, String uploadUrl, String workerImage, List<Node> nodesOfOs,
                         String uploadToken, String serverVersion, String windowsBuild) {
        /** No Windows build to pin to: the workload goes to every node of its OS. */
        public Target(String runId, String os, String namespace, String uploadUrl, String workerImage, List<Node> nodesOfOs,
                      String uploadToken, String serverVersion) {
            this(runId, os, namespace, uploadUrl, workerImage, nodesOfOs, uploadToken, serverVersion, "");
        }

        /** The object name's OS part: the OS, and the build number when the workload is pinned to one. */
        String namePart() {
            return windowsBuild.isEmpty() ? os : os + "-" + windowsBuild.substring(windowsBuild.lastIndexOf('.') + 1);
        }
    }

    /**
     * The ConfigMap holding the plugin's {@code config-map} files, named like its workload; empty
     * when the plugin has none. Created before the workload, deleted with the run's objects.
     */
    public static Optional<ConfigMap> configMap(PluginDefinition def, Target t) {
        if (def.configMap().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConfigMapBuilder().withMetadata(new ObjectMetaBuilder().withName(configMapName(def, t))
                .withNamespace(t.namespace()).withLabels(labels(def, t)).build()).withData(new TreeMap<>(def.configMap())).build());
    }

    static String configMapName(PluginDefinition def, Target t) {
        return objectName(def.name() + "-cfg", t.namePart(), t.runId());
    }

    private static Map<String, String> labels(PluginDefinition def, Target t) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN_LABEL, t.runId());
        labels.put(PLUGIN_LABEL, def.name());
        labels.put(OS_LABEL, t.os());
        return labels;
    }

    /** The object name: plugin, OS and run, cut to Kubernetes' 63 characters. */
    public static String objectName(String plugin, String os, String runId) {
        String n = "vigil-" + plugin + "-" + os + "-" + runId.toLowerCase(Locale.ROOT);
        return n.length() <= 63 ? n : n.substring(0, 63).replaceAll("-+$", "");
    }

    /**
     * The node name a Job plugin's results are filed under: {@code global} as in Sonobuoy, or
     * {@code global-<os>} when the plugin runs one Job per OS.
     */
    public static String jobNode(PluginDefinition def, String os) {
        return def.images().size() == 1 ? "global" : "global-" + os;
    }

    public static HasMetadata build(PluginDefinition def, Target t) {
        Map<String, String> labels = labels(def, t);
        ObjectMeta meta = new ObjectMetaBuilder().withName(objectName(def.name(), t.namePart(), t.runId()))
                .withNamespace(t.namespace()).withLabels(labels).build();
        PodTemplateSpec template = new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(podSpec(def, t)).build();
        if (def.driver() == PluginDefinition.Driver.DAEMONSET) {
            return new DaemonSetBuilder().withMetadata(meta).withNewSpec().withNewSelector().withMatchLabels(labels).endSelector()
                    .withTemplate(template).endSpec().build();
        }
        return new JobBuilder().withMetadata(meta).withNewSpec().withBackoffLimit(0).withTemplate(template).endSpec().build();
    }

    static PodSpec podSpec(PluginDefinition def, Target t) {
        PodSpec base = def.podSpec().map(p -> new PodSpecBuilder(p).build()).orElseGet(PodSpec::new);
        PodSpecBuilder b = new PodSpecBuilder(base);
        Map<String, String> selector = new LinkedHashMap<>(base.getNodeSelector() == null ? Map.of() : base.getNodeSelector());
        selector.putAll(def.nodeSelector());
        // the OS selector is set last so that no user selector can send the per-OS image to the wrong OS
        selector.put(OS_SELECTOR, t.os());
        if (!t.windowsBuild().isEmpty()) {
            // the worker image is built for this Windows build; process isolation needs the node's
            selector.put(Scheduling.WINDOWS_BUILD_LABEL, t.windowsBuild());
        }
        b.withNodeSelector(selector);
        b.withRestartPolicy(def.driver() == PluginDefinition.Driver.JOB ? "Never" : "Always");
        List<Toleration> tolerations = new ArrayList<>(base.getTolerations() == null ? List.of() : base.getTolerations());
        if ("windows".equals(t.os())) {
            for (Toleration tol : windowsTolerations(t.nodesOfOs())) {
                if (!tolerations.contains(tol)) {
                    tolerations.add(tol);
                }
            }
        }
        b.withTolerations(tolerations);
        String resultsDir = RESULTS_DIR.get(t.os());
        List<EnvVar> env = List.of(
                new EnvVarBuilder().withName("RESULTS_DIR").withValue(resultsDir).build(),
                new EnvVarBuilder().withName("SONOBUOY_RESULTS_DIR").withValue(resultsDir).build(),
                new EnvVarBuilder().withName("SONOBUOY").withValue("true").build(),
                new EnvVarBuilder().withName("SONOBUOY_CONFIG_DIR").withValue(SonobuoyDefaults.CONFIG_DIR.get(t.os())).build(),
                new EnvVarBuilder().withName(SonobuoyDefaults.K8S_VERSION).withValue(t.serverVersion() == null ? "" : t.serverVersion()).build(),
                new EnvVarBuilder().withName("SONOBUOY_PROGRESS_PORT").withValue(SonobuoyDefaults.PROGRESS_PORT).build(),
                new EnvVarBuilder().withName("VIGIL_RUN_ID").withValue(t.runId()).build(),
                new EnvVarBuilder().withName("VIGIL_PLUGIN").withValue(def.name()).build(),
                new EnvVarBuilder().withName("NODE_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName")
                        .endFieldRef().endValueFrom().build());
        ContainerBuilder pluginBuilder = new ContainerBuilder(expanded(def.spec(), t.serverVersion()))
                .withImage(SonobuoyDefaults.expand(def.images().get(t.os()), t.serverVersion()))
                .addAllToEnv(env).addToVolumeMounts(new VolumeMountBuilder().withName("results").withMountPath(resultsDir).build());
        if (!def.configMap().isEmpty()) {
            pluginBuilder.addToVolumeMounts(new VolumeMountBuilder().withName("sonobuoy-config")
                    .withMountPath(SonobuoyDefaults.CONFIG_DIR.get(t.os())).withReadOnly(true).build());
        }
        Container plugin = pluginBuilder.build();
        String node = def.driver() == PluginDefinition.Driver.JOB ? jobNode(def, t.os()) : "$(NODE_NAME)";
        Container worker = new ContainerBuilder().withName("vigil-worker").withImage(t.workerImage())
                .withArgs("worker", "--url", t.uploadUrl(), "--run", t.runId(), "--plugin", def.name(), "--node", node,
                        "--results-dir", resultsDir)
                .withEnv(workerEnv(env, t)).addToVolumeMounts(new VolumeMountBuilder().withName("results").withMountPath(resultsDir).build()).build();
        List<Container> containers = new ArrayList<>(base.getContainers() == null ? List.of() : base.getContainers());
        containers.add(plugin);
        containers.add(worker);
        b.withContainers(containers);
        b.addNewVolume().withName("results").withNewEmptyDir().endEmptyDir().endVolume();
        if (!def.configMap().isEmpty()) {
            b.addNewVolume().withName("sonobuoy-config").withNewConfigMap().withName(configMapName(def, t)).endConfigMap().endVolume();
        }
        return b.build();
    }

    /** The plugin's container with {@code $SONOBUOY_K8S_VERSION} expanded in its command, arguments and environment values. */
    private static Container expanded(Container spec, String version) {
        ContainerBuilder c = new ContainerBuilder(spec);
        if (spec.getCommand() != null) {
            c.withCommand(spec.getCommand().stream().map(a -> SonobuoyDefaults.expand(a, version)).toList());
        }
        if (spec.getArgs() != null) {
            c.withArgs(spec.getArgs().stream().map(a -> SonobuoyDefaults.expand(a, version)).toList());
        }
        if (spec.getEnv() != null) {
            c.withEnv(spec.getEnv().stream().map(e -> e.getValue() == null ? e
                    : new EnvVarBuilder(e).withValue(SonobuoyDefaults.expand(e.getValue(), version)).build()).toList());
        }
        return c.build();
    }

    /**
     * Tolerations for the NoSchedule/NoExecute taints that mark Windows nodes as Windows (a key or a
     * value naming the OS), and the conventional {@code os=windows:NoSchedule} when no node has one yet.
     * Other taints (maintenance, dedicated pools) are respected, not tolerated.
     */
    static List<Toleration> windowsTolerations(List<Node> windowsNodes) {
        List<Toleration> out = new ArrayList<>();
        for (Node n : windowsNodes) {
            List<Taint> taints = n.getSpec() == null || n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints();
            for (Taint taint : taints) {
                boolean osTaint = Scheduling.OS_LABELS.contains(taint.getKey()) || "os".equals(taint.getKey())
                        || "windows".equalsIgnoreCase(taint.getValue());
                Toleration tol = new TolerationBuilder().withKey(taint.getKey()).withOperator("Equal")
                        .withValue(taint.getValue() == null ? "" : taint.getValue()).withEffect(taint.getEffect()).build();
                if (osTaint && !out.contains(tol)) {
                    out.add(tol);
                }
            }
        }
        if (out.isEmpty()) {
            out.add(new TolerationBuilder().withKey("os").withOperator("Equal").withValue("windows").withEffect("NoSchedule").build());
        }
        return out;
    }

    /** The worker's environment: the plugin's, and the run's upload token, which lets it post this run's results and nothing else. */
    private static List<EnvVar> workerEnv(List<EnvVar> env, Target t) {
        if (t.uploadToken() == null) {
            return env;
        }
        List<EnvVar> out = new ArrayList<>(env);
        out.add(new EnvVarBuilder().withName("VIGIL_API_TOKEN").withValue(t.uploadToken()).build());
        return out;
    }
}
