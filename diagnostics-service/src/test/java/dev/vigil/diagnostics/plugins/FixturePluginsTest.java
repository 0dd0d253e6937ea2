package dev.vigil.diagnostics.plugins;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real Sonobuoy plugin definition in the test resources (from vmware-tanzu/sonobuoy-plugins,
 * unchanged) loads and renders into the workload Sonobuoy would create: its driver's kind, the
 * plugin container as written with {@code $SONOBUOY_K8S_VERSION} expanded, Sonobuoy's environment
 * ({@code RESULTS_DIR}, {@code SONOBUOY_*}), the results volume the worker sidecar reads the
 * {@code done} file from, the {@code config-map} files in the config folder, Sonobuoy's default pod
 * spec where the plugin has none, and the OS pinning Vigil adds.
 */
class FixturePluginsTest {
    static String yaml(String name) throws IOException {
        try (InputStream in = FixturePluginsTest.class.getResourceAsStream("/sonobuoy/plugins/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PluginWorkloads.Target target(String os) {
        return new PluginWorkloads.Target("ab12", os, "vigil-node", "http://svc", "worker:1", List.of(), "tok", "v1.29.4");
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cluster-inventory", "cmdrunner", "e2e", "kube-bench-master-plugin", "kube-bench-plugin",
            "progress-reporter", "requirements-check-plugin", "sonolark-plugin", "systemd-logs", "windows-e2e-master-plugin",
            "windows-e2e-plugin"})
    void rendersAsSonobuoyWould(String file) throws IOException {
        String text = yaml(file);
        PluginDefinition d = PluginDefinitions.parse(text);
        for (String os : d.oses()) {
            HasMetadata w = PluginWorkloads.build(d, target(os));
            PodSpec spec;
            if (d.driver() == PluginDefinition.Driver.DAEMONSET) {
                spec = assertInstanceOf(DaemonSet.class, w, file).getSpec().getTemplate().getSpec();
            } else {
                spec = assertInstanceOf(Job.class, w, file).getSpec().getTemplate().getSpec();
                assertEquals("Never", spec.getRestartPolicy());
            }
            assertEquals(os, spec.getNodeSelector().get("kubernetes.io/os"), file + ": pinned to its OS");
            Container plugin = spec.getContainers().stream().filter(c -> c.getName().equals(d.spec().getName())).findFirst().orElseThrow();
            assertFalse(plugin.getImage().contains("$"), file + ": image variables expanded: " + plugin.getImage());
            if (text.contains("$SONOBUOY_K8S_VERSION")) {
                assertTrue(plugin.getImage().endsWith(":v1.29.4"), plugin.getImage());
            }
            Map<String, String> env = env(plugin);
            assertEquals("/tmp/sonobuoy/results", env.get("RESULTS_DIR"), file);
            assertEquals("/tmp/sonobuoy/results", env.get("SONOBUOY_RESULTS_DIR"), file);
            assertEquals("/tmp/sonobuoy/config", env.get("SONOBUOY_CONFIG_DIR"), file);
            assertEquals("v1.29.4", env.get("SONOBUOY_K8S_VERSION"), file);
            assertEquals("true", env.get("SONOBUOY"), file);
            // the plugin's own environment stays as written
            d.spec().getEnv().forEach(e -> assertTrue(plugin.getEnv().stream().anyMatch(p -> p.getName().equals(e.getName())), e.getName()));
            assertTrue(plugin.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("results") && m.getMountPath().equals("/tmp/sonobuoy/results")));
            Container worker = spec.getContainers().get(spec.getContainers().size() - 1);
            assertEquals("vigil-worker", worker.getName());
            assertTrue(worker.getArgs().containsAll(List.of("--plugin", d.name(), "--results-dir", "/tmp/sonobuoy/results")), worker.getArgs().toString());
            assertTrue(spec.getVolumes().stream().anyMatch(v -> v.getName().equals("results") && v.getEmptyDir() != null));

            Optional<ConfigMap> cm = PluginWorkloads.configMap(d, target(os));
            assertEquals(text.contains("config-map:"), cm.isPresent(), file + ": a ConfigMap exactly when the plugin has config-map files");
            cm.ifPresent(m -> {
                assertEquals(d.configMap(), m.getData());
                assertEquals("ab12", m.getMetadata().getLabels().get(PluginWorkloads.RUN_LABEL));
                assertTrue(plugin.getVolumeMounts().stream().anyMatch(v -> v.getName().equals("sonobuoy-config") && v.getMountPath().equals("/tmp/sonobuoy/config")));
                assertTrue(spec.getVolumes().stream().anyMatch(v -> v.getConfigMap() != null && v.getConfigMap().getName().equals(m.getMetadata().getName())));
            });
            if (!text.contains("podSpec:")) {
                assertEquals(SonobuoyDefaults.podSpec(d.driver()).getTolerations(), spec.getTolerations().subList(0,
                        SonobuoyDefaults.podSpec(d.driver()).getTolerations().size()), file + ": Sonobuoy's default tolerations");
            }
        }
    }

    @Test
    void windowsE2eFindsItsImageRepoListWhereItsEnvironmentSays() throws IOException {
        PluginDefinition d = PluginDefinitions.parse(yaml("windows-e2e-plugin"));
        assertTrue(d.configMap().get("image-repo-list").contains("e2eRegistry: k8sprow.azurecr.io/kubernetes-e2e-test-images"));
        Job job = (Job) PluginWorkloads.build(d, target("linux"));
        Container e2e = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/tmp/sonobuoy/config/image-repo-list", env(e2e).get("KUBE_TEST_REPO_LIST"));
        assertEquals("k8s.gcr.io/conformance:v1.29.4", e2e.getImage());
    }

    @Test
    void defaultPodSpecs() {
        assertTrue(SonobuoyDefaults.podSpec(PluginDefinition.Driver.DAEMONSET).getTolerations().isEmpty(),
                "a DaemonSet plugin keeps to the OS taints Vigil tolerates for it");
        List<Toleration> job = SonobuoyDefaults.podSpec(PluginDefinition.Driver.JOB).getTolerations();
        assertEquals(List.of("node-role.kubernetes.io/master", "node-role.kubernetes.io/control-plane", "CriticalAddonsOnly",
                "kubernetes.io/e2e-evict-taint-key"), job.stream().map(Toleration::getKey).toList());
        assertTrue(job.stream().allMatch(t -> t.getOperator().equals("Exists")));
        assertEquals("k8s.gcr.io/conformance:v1.30.0", SonobuoyDefaults.expand("k8s.gcr.io/conformance:${SONOBUOY_K8S_VERSION}", "v1.30.0"));
        assertEquals("x:$SONOBUOY_K8S_VERSION", SonobuoyDefaults.expand("x:$SONOBUOY_K8S_VERSION", ""), "nothing to expand with: left as written");
    }
}
