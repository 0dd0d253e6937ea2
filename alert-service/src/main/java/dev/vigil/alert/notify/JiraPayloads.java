package dev.vigil.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.alert.config.am.IntegrationConfig;
import dev.vigil.alert.config.am.PromDuration;
import dev.vigil.gotemplate.GoFormat;
import dev.vigil.gotemplate.TemplateSet;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The issue Alertmanager's Jira notifier files for a group: summary (at most 255 runes),
 * description (32767; Atlassian Document Format JSON on the v3 API), issue type, project, the
 * configured labels plus {@code ALERT{<sha256 of the group key>}} sorted, priority, and the custom
 * fields, each templated and read as YAML so a number stays a number.
 */
final class JiraPayloads {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final TemplateSet templates;

    JiraPayloads(TemplateSet templates) {
        this.templates = templates;
    }

    private String expand(String template, TemplateData data) {
        return template.isEmpty() ? "" : templates.expand(template, data);
    }

    JiraIssue issue(String receiver, String integration, String groupKey, IntegrationConfig c, TemplateData data, boolean resolved) {
        String label = "ALERT{" + IntegrationPayloads.hash(groupKey) + "}";
        String apiUrl = c.string("api_url").replaceAll("/+$", "");
        String project = expand(c.string("project"), data);
        Map<String, JsonNode> fields = new TreeMap<>(); // a Go map: sorted keys
        fields.put("summary", TextNode.valueOf(IntegrationPayloads.truncateRunes(expand(c.string("summary"), data), 255)));
        String description = IntegrationPayloads.truncateRunes(expand(c.string("description"), data), 32767);
        if (!description.isEmpty()) {
            fields.put("description", apiUrl.endsWith("/3") ? adf(description.strip()) : TextNode.valueOf(description));
        }
        fields.put("issuetype", GoJson.object().put("name", expand(c.string("issue_type"), data)));
        fields.put("project", GoJson.object().put("key", project));
        List<String> labels = new ArrayList<>();
        if (c.settings().get("labels") instanceof JsonNode configured) {
            configured.forEach(l -> labels.add(expand(l.asText(""), data)));
        }
        labels.add(label);
        labels.sort(null);
        ArrayNode labelArray = GoJson.object().arrayNode();
        labels.forEach(labelArray::add);
        fields.put("labels", labelArray);
        String priority = expand(c.string("priority"), data);
        if (!priority.isEmpty()) {
            fields.put("priority", GoJson.object().put("name", priority));
        }
        if (c.settings().get("fields") instanceof JsonNode custom) {
            custom.fields().forEachRemaining(e -> fields.put(expand(e.getKey(), data), templated(e.getValue(), data)));
        }
        ObjectNode body = GoJson.object();
        ObjectNode f = body.putObject("fields");
        fields.forEach(f::set);
        return new JiraIssue(receiver, integration, groupKey, apiUrl, searchUrl(apiUrl, c.string("api_type")),
                jql(c, project, label, resolved), GoJson.write(body), resolved, c.string("reopen_transition"),
                c.string("resolve_transition"), c.httpConfig());
    }

    /** Jira Cloud searches at {@code /rest/api/3/search/jql}; Data Center at {@code <api_url>/search}. */
    static String searchUrl(String apiUrl, String apiType) {
        String host = URI.create(apiUrl).getHost();
        boolean cloud = apiType.equals("cloud") || (apiType.equals("auto") && host != null && host.endsWith("atlassian.net"));
        return cloud ? (apiUrl + "/search/jql").replace("/rest/api/2/", "/rest/api/3/") : apiUrl + "/search";
    }

    /** The group's issue: open, or resolved recently enough to reopen, never one closed as "won't fix". */
    private static String jql(IntegrationConfig c, String project, String label, boolean resolved) {
        StringBuilder q = new StringBuilder();
        String wontFix = c.string("wont_fix_resolution");
        if (!wontFix.isEmpty()) {
            q.append("resolution != ").append(GoFormat.quote(wontFix)).append(" and ");
        }
        String reopen = c.string("reopen_duration");
        long minutes = reopen.isEmpty() ? 0 : PromDuration.parse(reopen).toMinutes();
        if (!resolved && !c.string("reopen_transition").isEmpty() && minutes > 0) {
            q.append("(resolutiondate is EMPTY OR resolutiondate >= -").append(minutes).append("m) and ");
        } else {
            q.append("statusCategory != Done and ");
        }
        return q.append("project=").append(GoFormat.quote(project)).append(" and labels=").append(GoFormat.quote(label))
                .append(" order by status ASC,resolutiondate DESC").toString();
    }

    /** A v3 description must be Atlassian Document Format: the template's output read as JSON. */
    private static JsonNode adf(String json) {
        try {
            return GoJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the description for the Jira v3 API is not JSON (Atlassian Document Format)");
        }
    }

    /** Alertmanager's DeepCopyWithTemplate: strings templated and read as YAML, maps and lists recursively. */
    private JsonNode templated(JsonNode value, TemplateData data) {
        if (value.isTextual()) {
            String s = expand(value.asText(), data);
            try {
                JsonNode parsed = YAML.readTree(s);
                return parsed == null || parsed.isMissingNode() || parsed.isNull() || parsed.isTextual() ? TextNode.valueOf(s) : parsed;
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(s);
            }
        }
        if (value.isObject()) {
            ObjectNode o = GoJson.object();
            Map<String, JsonNode> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(expand(e.getKey(), data), templated(e.getValue(), data));
            }
            sorted.forEach(o::set);
            return o;
        }
        if (value.isArray()) {
            ArrayNode a = GoJson.object().arrayNode();
            value.forEach(v -> a.add(templated(v, data)));
            return a;
        }
        return value;
    }
}
