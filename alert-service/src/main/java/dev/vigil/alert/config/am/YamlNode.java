package dev.vigil.alert.config.am;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A YAML node with its path, so that every configuration error says where it is
 * ({@code route.routes[1].group_wait}). Package-private: only the loaders read raw YAML.
 */
final class YamlNode {
    private final JsonNode node;
    private final String path;

    YamlNode(JsonNode node, String path) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
    }

    String path() {
        return path;
    }

    boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    /** An explicit {@code null} (or {@code key:} with nothing after it), as opposed to an absent key. */
    boolean isNull() {
        return node.isNull();
    }

    JsonNode raw() {
        return node;
    }

    YamlNode get(String field) {
        return new YamlNode(node.get(field), path.isEmpty() ? field : path + "." + field);
    }

    boolean has(String field) {
        return !get(field).isMissing();
    }

    /** Rejects fields outside the allowed set, as Alertmanager's strict YAML decoding does. */
    YamlNode allowOnly(Set<String> allowed) {
        if (isMissing()) {
            return this;
        }
        if (!node.isObject()) {
            throw error("expected a mapping");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                // Alertmanager's strict YAML: "field X not found in type config.plain"; here with the place
                throw new ConfigException("field " + n + " not found in " + (path.isEmpty() ? "configuration" : path));
            }
        }
        return this;
    }

    ConfigException error(String message) {
        return new ConfigException((path.isEmpty() ? "" : path + ": ") + message);
    }

    Optional<String> string() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw error("expected a string");
        }
        return Optional.of(node.asText());
    }

    String string(String fallback) {
        return string().orElse(fallback);
    }

    Optional<Boolean> bool() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw error("expected true or false, got \"" + node.asText() + "\"");
        }
        return Optional.of(node.booleanValue());
    }

    Optional<Integer> integer() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw error("expected an integer, got \"" + node.asText() + "\"");
        }
        return Optional.of(node.intValue());
    }

    Optional<Duration> duration() {
        return string().map(s -> {
            try {
                return PromDuration.parse(s);
            } catch (ConfigException e) {
                throw error(e.getMessage());
            }
        });
    }

    List<YamlNode> list() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("expected a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new YamlNode(node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    List<String> strings() {
        return mapList(n -> n.string().orElseThrow(() -> n.error("expected a string")));
    }

    <T> List<T> mapList(Function<YamlNode, T> f) {
        List<T> out = new ArrayList<>();
        for (YamlNode n : list()) {
            out.add(f.apply(n));
        }
        return out;
    }

    /** A mapping of strings to strings, in file order. */
    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (isMissing()) {
            return out;
        }
        if (!node.isObject()) {
            throw error("expected a mapping");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw get(e.getKey()).error("expected a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
