package dev.vigil.diagnostics.runs;

import dev.vigil.diagnostics.MockClusterResource;
import dev.vigil.diagnostics.plugins.PluginWorkloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the worker sidecars of one plugin's DaemonSets: for every DaemonSet the service created in
 * the mock cluster, and every node of the OS it selects, uploads a JUnit file to the upload
 * endpoint as the real worker would once the plugin wrote its {@code done} file, after making the
 * pod the DaemonSet controller would (whose log {@link dev.vigil.diagnostics.KubeletStandIn}
 * serves). Keeps the DaemonSets it saw so tests can check their specs.
 */
public final class FakePluginWorkers implements AutoCloseable {
    public static final String JUNIT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites><testsuite name="smoke" tests="3">
              <testcase name="can resolve kubernetes.default" classname="smoke"/>
              <testcase name="can pull pause image" classname="smoke"><failure message="pull timed out">timeout</failure></testcase>
              <testcase name="gpu present" classname="smoke"><skipped/></testcase>
            </testsuite></testsuites>
            """;
    final List<DaemonSet> seen = new CopyOnWriteArrayList<>();
    private final List<Pod> pods = new CopyOnWriteArrayList<>();
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();
    private final String plugin;
    private final String baseUrl;
    private final Thread thread;
    private volatile boolean running = true;

    public FakePluginWorkers(String plugin, String baseUrl) {
        this.plugin = plugin;
        this.baseUrl = baseUrl;
        thread = new Thread(this::loop, "fake-workers");
        thread.start();
    }

    private void loop() {
        HttpClient http = HttpClient.newHttpClient();
        try (KubernetesClient k = MockClusterResource.client()) {
            while (running) {
                for (DaemonSet ds : k.apps().daemonSets().inAnyNamespace().withLabel(PluginWorkloads.PLUGIN_LABEL, plugin).list().getItems()) {
                    if (seen.stream().noneMatch(d -> d.getMetadata().getName().equals(ds.getMetadata().getName()))) {
                        seen.add(ds);
                    }
                    String run = ds.getMetadata().getLabels().get(PluginWorkloads.RUN_LABEL);
                    String os = ds.getSpec().getTemplate().getSpec().getNodeSelector().get(PluginWorkloads.OS_SELECTOR);
                    for (var node : k.nodes().withLabel("kubernetes.io/os", os).list().getItems()) {
                        String key = run + "/" + node.getMetadata().getName();
                        if (uploaded.add(key)) {
                            pods.add(k.resource(podOf(ds, node.getMetadata().getName())).create());
                            http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/diagnostics/runs/" + run + "/plugins/" + plugin
                                            + "/results?node=" + node.getMetadata().getName()))
                                    .header("Content-Type", "application/xml")
                                    .POST(HttpRequest.BodyPublishers.ofString(JUNIT)).build(), HttpResponse.BodyHandlers.discarding());
                        }
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The pod the DaemonSet controller would make on {@code node}: the template's spec and labels. */
    private static Pod podOf(DaemonSet ds, String node) {
        return new PodBuilder().withNewMetadata().withName(ds.getMetadata().getName() + "-" + node)
                .withNamespace(ds.getMetadata().getNamespace()).withLabels(ds.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withSpec(new PodSpecBuilder(ds.getSpec().getTemplate().getSpec()).withNodeName(node).build()).build();
    }

    Map<String, DaemonSet> byOs() {
        Map<String, DaemonSet> m = new java.util.TreeMap<>();
        seen.forEach(d -> m.put(d.getMetadata().getLabels().get(PluginWorkloads.OS_LABEL), d));
        return m;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        try (KubernetesClient k = MockClusterResource.client()) {
            pods.forEach(p -> k.resource(p).delete()); // as the garbage collector would once the DaemonSet is gone
        }
    }
}
