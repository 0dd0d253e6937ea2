package dev.vigil.diagnostics.plugins;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Sonobuoy plugin definition ({@code sonobuoy-config}, {@code spec}, {@code podSpec},
 * {@code config-map}) with Vigil's additions: a per-OS image and an extra node selector
 * ({@code vigil-config}).
 *
 * @param podSpec   the plugin's own pod spec, or Sonobuoy's default for its driver when it has none
 * @param images    image per OS label ("linux", "windows"); a plugin runs only on OSes listed here
 * @param configMap Sonobuoy's {@code config-map}: files (name to content) the plugin finds in its config folder
 * @param resultFiles Sonobuoy's {@code result-files}: the result files its post-processing reads, empty for its defaults
 */
public record PluginDefinition(String name, Driver driver, ResultFormat resultFormat, Container spec,
                               Optional<PodSpec> podSpec, Map<String, String> images, Map<String, String> nodeSelector,
                               Map<String, String> configMap, List<String> resultFiles) {
    public PluginDefinition {
        images = Map.copyOf(images);
        nodeSelector = Map.copyOf(nodeSelector);
        configMap = Map.copyOf(configMap);
        resultFiles = List.copyOf(resultFiles);
    }

    /** Sonobuoy's drivers: one pod for the cluster, or one pod per node. */
    public enum Driver { JOB, DAEMONSET }

    /** The OSes this plugin has an image for, in a stable order. */
    public List<String> oses() {
        return images.keySet().stream().sorted().toList();
    }
}
