package dev.vigil.alert.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.alert.config.am.ConfigException;
import dev.vigil.alert.config.am.PromDuration;
import dev.vigil.gotemplate.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Prometheus rule files ({@code groups: [{name, interval, limit, rules: [...]}]}) and
 * validates them as promtool does, collecting every error in its wording:
 * {@code group "g", rule 2, "HighCPU": could not parse expression: 1:5: parse error: ...}.
 */
public final class RuleFileLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern METRIC_NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "limit", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations");

    private final ExpressionParser parser;

    public RuleFileLoader(ExpressionParser parser) {
        this.parser = parser;
    }

    public List<RuleGroupDefinition> load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new RuleFileException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** Parses rule-file text; throws {@link RuleFileException} listing every problem. */
    public List<RuleGroupDefinition> parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new RuleFileException(List.of("invalid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
        }
        List<String> errors = new ArrayList<>();
        List<RuleGroupDefinition> groups = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        unknown(root, Set.of("groups"), "rule file", errors);
        if (!root.path("groups").isMissingNode() && !root.path("groups").isArray()) {
            throw new RuleFileException(List.of("groups must be a list"));
        }
        Set<String> names = new HashSet<>();
        for (JsonNode g : root.path("groups")) {
            if (!g.isObject()) {
                errors.add("a rule group must be a mapping");
                continue;
            }
            unknown(g, GROUP_FIELDS, "rule group", errors);
            String name = g.path("name").asText("");
            if (name.isEmpty()) {
                errors.add("Groupname must not be empty");
            }
            if (!names.add(name)) {
                errors.add("groupname: \"" + name + "\" is repeated in the same file");
            }
            Optional<Duration> interval = duration(g.get("interval"), "group \"" + name + "\": interval", errors);
            int limit = g.path("limit").asInt(0);
            List<RuleDefinition> rules = new ArrayList<>();
            int index = 0;
            for (JsonNode r : g.path("rules")) {
                index++;
                if (!r.isObject()) {
                    errors.add("group \"" + name + "\", rule " + index + ": a rule must be a mapping");
                    continue;
                }
                rule(name, index, r, errors).ifPresent(rules::add);
            }
            groups.add(new RuleGroupDefinition(name, interval, limit, rules));
        }
        if (!errors.isEmpty()) {
            throw new RuleFileException(errors);
        }
        return List.copyOf(groups);
    }

    private Optional<RuleDefinition> rule(String group, int index, JsonNode r, List<String> errors) {
        String record = r.path("record").asText("");
        String alert = r.path("alert").asText("");
        String ruleName = alert.isEmpty() ? record : alert;
        String prefix = "group \"" + group + "\", rule " + index + ", \"" + ruleName + "\": ";
        List<String> mine = new ArrayList<>();
        unknown(r, RULE_FIELDS, "rule", mine);
        if (!record.isEmpty() && !alert.isEmpty()) {
            mine.add("only one of 'record' and 'alert' must be set");
        }
        if (record.isEmpty() && alert.isEmpty()) {
            mine.add("one of 'record' or 'alert' must be set");
        }
        String expr = r.path("expr").asText("");
        if (expr.isEmpty()) {
            mine.add("field 'expr' must be set in rule");
        } else {
            try {
                parser.check(expr);
            } catch (IllegalArgumentException e) {
                mine.add("could not parse expression: " + e.getMessage());
            }
        }
        Map<String, String> labels = stringMap(r.get("labels"), "labels", mine);
        Map<String, String> annotations = stringMap(r.get("annotations"), "annotations", mine);
        Duration hold = duration(r.get("for"), "for", mine).orElse(Duration.ZERO);
        Duration keep = duration(r.get("keep_firing_for"), "keep_firing_for", mine).orElse(Duration.ZERO);
        if (!record.isEmpty()) {
            if (!annotations.isEmpty()) {
                mine.add("invalid field 'annotations' in recording rule");
            }
            if (!hold.isZero()) {
                mine.add("invalid field 'for' in recording rule");
            }
            if (!keep.isZero()) {
                mine.add("invalid field 'keep_firing_for' in recording rule");
            }
            if (!METRIC_NAME.matcher(record).matches()) {
                mine.add("invalid recording rule name: " + record);
            }
        }
        for (String k : labels.keySet()) {
            if (!LABEL_NAME.matcher(k).matches() || k.equals("__name__")) {
                mine.add("invalid label name: " + k);
            }
        }
        for (String k : annotations.keySet()) {
            if (!LABEL_NAME.matcher(k).matches()) {
                mine.add("invalid annotation name: " + k);
            }
        }
        if (!alert.isEmpty()) {
            RuleTemplates templates = new RuleTemplates(Map.of(), "");
            for (Map.Entry<String, Map<String, String>> m : List.of(Map.entry("label", labels), Map.entry("annotation", annotations))) {
                for (Map.Entry<String, String> e : m.getValue().entrySet()) {
                    try {
                        templates.check(alert, e.getValue());
                    } catch (TemplateException ex) {
                        mine.add(m.getKey() + " \"" + e.getKey() + "\": " + ex.getMessage());
                    }
                }
            }
        }
        mine.forEach(m -> errors.add(prefix + m));
        if (!mine.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(alert.isEmpty()
                ? new RuleDefinition.Recording(record, expr, labels)
                : new RuleDefinition.Alerting(alert, expr, hold, keep, labels, annotations));
    }

    private static void unknown(JsonNode n, Set<String> allowed, String what, List<String> errors) {
        if (n == null || !n.isObject()) {
            return;
        }
        Iterator<String> it = n.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (!allowed.contains(f)) {
                errors.add("field " + f + " not found in type " + what);
            }
        }
    }

    private static Optional<Duration> duration(JsonNode n, String what, List<String> errors) {
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PromDuration.parse(n.asText()));
        } catch (ConfigException e) {
            errors.add(what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, String> stringMap(JsonNode n, String what, List<String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            errors.add(what + " must be a mapping");
            return out;
        }
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }
}
