package dev.vigil.diagnostics.plugins;

import dev.vigil.diagnostics.MixedCluster;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginWorkloadsTest {
    static final String E2E = """
            podSpec:
              serviceAccountName: sonobuoy-serviceaccount
              nodeSelector:
                kubernetes.io/os: windows
                pool: conformance
            sonobuoy-config:
              driver: Job
              plugin-name: e2e
              result-format: junit
            spec:
              command: ["/run_e2e.sh"]
              image: registry.k8s.io/conformance:v1.29.4
              name: e2e
            vigil-config:
              images:
                linux: registry.k8s.io/conformance:v1.29.4
            """;

    static List<Node> windowsNodes() {
        return MixedCluster.nodes().stream().filter(n -> n.getMetadata().getName().startsWith("win-")).toList();
    }

    @Test
    void sonobuoyDefinitionIsReadAsItIs() {
        PluginDefinition d = PluginDefinitions.parse(E2E);
        assertEquals("e2e", d.name());
        assertEquals(PluginDefinition.Driver.JOB, d.driver());
        assertEquals(ResultFormat.JUNIT, d.resultFormat());
        assertEquals(List.of("/run_e2e.sh"), d.spec().getCommand());
        assertEquals("sonobuoy-serviceaccount", d.podSpec().orElseThrow().getServiceAccountName());
        assertEquals(List.of("linux"), d.oses());
    }

    @Test
    void theOsSelectorWinsOverAUserSelectorAndOtherSelectorsStay() {
        PluginDefinition d = PluginDefinitions.parse(E2E);
        Job job = assertInstanceOf(Job.class, PluginWorkloads.build(d, new PluginWorkloads.Target("ab12", "linux", "vigil",
                "http://svc", "worker:1", List.of(), "run-upload-token", "v1.29.4")));
        PodSpec spec = job.getSpec().getTemplate().getSpec();
        assertEquals("linux", spec.getNodeSelector().get("kubernetes.io/os"));
        assertEquals("conformance", spec.getNodeSelector().get("pool"));
        assertEquals("Never", spec.getRestartPolicy());
        assertEquals("sonobuoy-serviceaccount", spec.getServiceAccountName());
        assertEquals("vigil-e2e-linux-ab12", job.getMetadata().getName());
        assertEquals("ab12", job.getMetadata().getLabels().get(PluginWorkloads.RUN_LABEL));
        Container worker = spec.getContainers().get(1);
        assertEquals(List.of("worker", "--url", "http://svc", "--run", "ab12", "--plugin", "e2e", "--node", "global",
                "--results-dir", "/tmp/sonobuoy/results"), worker.getArgs());
        // the worker alone carries the run's upload token; the plugin's own container does not
        assertEquals(List.of("run-upload-token"), worker.getEnv().stream().filter(e -> e.getName().equals("VIGIL_API_TOKEN"))
                .map(e -> e.getValue()).toList());
        assertTrue(spec.getContainers().get(0).getEnv().stream().noneMatch(e -> e.getName().equals("VIGIL_API_TOKEN")));
    }

    @Test
    void windowsDaemonSetToleratesTheOsTaintOnlyAndUsesTheWindowsImageAndResultsDir() {
        PluginDefinition d = PluginDefinitions.parse(dev.vigil.diagnostics.PluginFixtures.SMOKE_PLUGIN);
        List<Node> nodes = new java.util.ArrayList<>(windowsNodes());
        nodes.add(new NodeBuilder(nodes.get(0)).editMetadata().withName("win-maint").endMetadata().editSpec()
                .addNewTaint().withKey("maintenance").withValue("true").withEffect("NoSchedule").endTaint().endSpec().build());
        DaemonSet ds = assertInstanceOf(DaemonSet.class, PluginWorkloads.build(d, new PluginWorkloads.Target("ab12", "windows", "vigil",
                "http://svc", "worker:1-windows", nodes, null, "v1.29.4")));
        PodSpec spec = ds.getSpec().getTemplate().getSpec();
        assertEquals("windows", spec.getNodeSelector().get("kubernetes.io/os"));
        List<Toleration> tol = spec.getTolerations();
        assertEquals(1, tol.size(), tol.toString());
        assertEquals(List.of("os", "Equal", "windows", "NoSchedule"), List.of(tol.get(0).getKey(), tol.get(0).getOperator(),
                tol.get(0).getValue(), tol.get(0).getEffect()));
        assertEquals("registry.example/smoke:1.0-windows-ltsc2022", spec.getContainers().get(0).getImage());
        assertEquals("worker:1-windows", spec.getContainers().get(1).getImage());
        assertEquals("C:\\tmp\\sonobuoy\\results", spec.getContainers().get(0).getVolumeMounts().get(0).getMountPath());
        assertEquals("$(NODE_NAME)", spec.getContainers().get(1).getArgs().get(8));
        assertEquals(ds.getSpec().getSelector().getMatchLabels(), ds.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void windowsWithoutTaintedNodesGetsTheConventionalToleration() {
        List<Toleration> tol = PluginWorkloads.windowsTolerations(List.of());
        assertEquals("os", tol.get(0).getKey());
        assertEquals("windows", tol.get(0).getValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sonobuoy-config: {driver: Job, plugin-name: Bad_Name}\\nspec: {image: a}|sonobuoy-config.plugin-name 'Bad_Name' must be a DNS label",
            "sonobuoy-config: {driver: Pod, plugin-name: x}\\nspec: {image: a}|plugin x: sonobuoy-config.driver must be Job or DaemonSet",
            "sonobuoy-config: {driver: Job, plugin-name: x, result-format: xml}\\nspec: {image: a}|unknown result-format 'xml'",
            "sonobuoy-config: {driver: Job, plugin-name: x}|plugin x: 'spec' (the plugin container) is missing",
            "sonobuoy-config: {driver: Job, plugin-name: x}\\nspec: {name: a}|plugin x: neither spec.image nor vigil-config.images",
            "sonobuoy-config: {driver: Job, plugin-name: x}\\nspec: {image: a}\\nvigil-config: {images: {darwin: b}}|vigil-config.images has OS 'darwin'",
            "sonobuoy-config: [unclosed|plugin definition is not YAML"})
    void invalidDefinitionsAreRefusedWithTheField(String yaml, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PluginDefinitions.parse(yaml.replace("\\n", "\n")));
        assertTrue(e.getMessage().startsWith(message) || e.getMessage().contains(message), e.getMessage());
    }
}
