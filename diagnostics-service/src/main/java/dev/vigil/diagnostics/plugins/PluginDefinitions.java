package dev.vigil.diagnostics.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.model.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads plugin definitions as Sonobuoy writes them (YAML or JSON) plus Vigil's {@code vigil-config}.
 * A definition without {@code vigil-config.images} runs its {@code spec.image} on Linux only, as a
 * Sonobuoy plugin does in practice.
 */
public final class PluginDefinitions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private PluginDefinitions() {
    }

    /** Parses YAML (or JSON, which is YAML) text. */
    public static PluginDefinition parse(String yaml) {
        try {
            return parse(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException("plugin definition is not YAML: " + e.getMessage());
        }
    }

    /** The definition as a tree, as a run's archive keeps it: a text node is read as YAML. */
    public static JsonNode tree(JsonNode node) {
        if (node != null && node.isTextual()) {
            try {
                return YAML.readTree(node.asText());
            } catch (IOException e) {
                throw new IllegalArgumentException("plugin definition is not YAML: " + e.getMessage());
            }
        }
        return node;
    }

    /** Parses a definition tree; a text node is read as YAML. */
    public static PluginDefinition parse(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("plugin definition is empty");
        }
        if (node.isTextual()) {
            return parse(node.asText());
        }
        JsonNode cfg = node.path("sonobuoy-config");
        String name = cfg.path("plugin-name").asText("");
        if (!NAME.matcher(name).matches() || name.length() > 40) {
            throw new IllegalArgumentException("sonobuoy-config.plugin-name '" + name
                    + "' must be a DNS label (lower-case letters, digits, '-') of at most 40 characters");
        }
        PluginDefinition.Driver driver = switch (cfg.path("driver").asText("").toLowerCase(Locale.ROOT)) {
            case "job" -> PluginDefinition.Driver.JOB;
            case "daemonset" -> PluginDefinition.Driver.DAEMONSET;
            default -> throw new IllegalArgumentException("plugin " + name + ": sonobuoy-config.driver must be Job or DaemonSet");
        };
        ResultFormat format = ResultFormat.parse(cfg.path("result-format").asText("raw"));
        if (!node.has("spec")) {
            throw new IllegalArgumentException("plugin " + name + ": 'spec' (the plugin container) is missing");
        }
        Container spec;
        Optional<PodSpec> podSpec;
        try {
            spec = Json.MAPPER.treeToValue(node.get("spec"), Container.class);
            podSpec = Optional.of(node.has("podSpec") ? Json.MAPPER.treeToValue(node.get("podSpec"), PodSpec.class)
                    : SonobuoyDefaults.podSpec(driver));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("plugin " + name + ": spec or podSpec is not a Kubernetes container/pod spec: " + e.getMessage());
        }
        Map<String, String> images = new TreeMap<>(strings(node.path("vigil-config").path("images")));
        for (String os : images.keySet()) {
            if (!os.equals("linux") && !os.equals("windows")) {
                throw new IllegalArgumentException("plugin " + name + ": vigil-config.images has OS '" + os + "': expected linux or windows");
            }
        }
        if (images.isEmpty()) {
            if (spec.getImage() == null || spec.getImage().isBlank()) {
                throw new IllegalArgumentException("plugin " + name + ": neither spec.image nor vigil-config.images names an image");
            }
            images.put("linux", spec.getImage());
        }
        spec.setName(spec.getName() == null || spec.getName().isBlank() ? "plugin" : spec.getName());
        return new PluginDefinition(name, driver, format, spec, podSpec, images, strings(node.path("vigil-config").path("nodeSelector")),
                strings(node.path("config-map")), texts(cfg.path("result-files")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
