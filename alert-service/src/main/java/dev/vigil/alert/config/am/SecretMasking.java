package dev.vigil.alert.config.am;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * alertmanager.yml as {@code /api/v2/status} shows it: every secret field replaced by
 * {@code <secret>}, as Alertmanager prints its {@code Secret} and {@code SecretURL} values
 * (passwords, API keys and tokens, routing and service keys, webhook URLs that carry a token),
 * and the file re-written from its parsed form, so no comment can carry one either.
 */
public final class SecretMasking {
    public static final String MASK = "<secret>";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** Secret wherever they stand: global keys, receiver fields, http_config credentials. */
    private static final Set<String> SECRET_KEYS = Set.of(
            "smtp_auth_password", "smtp_auth_secret", "slack_api_url", "victorops_api_key", "opsgenie_api_key",
            "wechat_api_secret", "rocketchat_token", "rocketchat_token_id",
            "auth_password", "auth_secret", "routing_key", "service_key", "api_key", "api_secret", "user_key", "token",
            "token_id", "bot_token", "webhook_url", "password", "credentials", "bearer_token", "client_secret",
            "secret_key", "access_key", "slack_app_token", "app_token", "telegram_bot_token", "mattermost_webhook_url",
            "alert_source_token");
    /** Secret only inside these receiver blocks: a Slack api_url is a webhook with its token, a webhook URL may carry one. */
    private static final Map<String, String> SECRET_IN = Map.of("api_url", "slack_configs", "url", "webhook_configs");

    private SecretMasking() {
    }

    /** The masked YAML of {@code yaml}; a text that does not parse is not shown at all. */
    public static String mask(String yaml) {
        try {
            JsonNode root = YAML.readTree(yaml);
            if (root == null || root.isMissingNode()) {
                return "";
            }
            mask(root, "");
            return YAML.writeValueAsString(root);
        } catch (JacksonException e) {
            return "";
        }
    }

    private static void mask(JsonNode node, String parentKey) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                JsonNode v = e.getValue();
                if (v.isValueNode() && !v.isNull() && isSecret(key, parentKey)) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    mask(v, key);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode item : a) {
                mask(item, parentKey); // list items belong to the key that holds the list
            }
        }
    }

    private static boolean isSecret(String key, String parentKey) {
        return SECRET_KEYS.contains(key) || parentKey.equals(SECRET_IN.get(key));
    }
}
