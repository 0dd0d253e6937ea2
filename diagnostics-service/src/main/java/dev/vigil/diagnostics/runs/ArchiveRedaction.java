package dev.vigil.diagnostics.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a results archive leaves out of the cluster's objects, since anyone given the archive (a
 * support ticket, a CI artifact) should not get credentials with it: the values of containers'
 * environment variables, which Secrets they and volumes refer to, and the
 * {@code last-applied-configuration} annotation, which repeats the whole manifest. Names of
 * variables, images, commands and everything a diagnosis needs stay. Sonobuoy writes these as
 * they are; {@code vigil.diagnostics.redact-archives=false} does too.
 */
final class ArchiveRedaction {
    static final String REDACTED = "<redacted>";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ArchiveRedaction() {
    }

    /** Redacts {@code tree} in place and returns it. */
    static JsonNode redact(JsonNode tree) {
        if (tree.isArray()) {
            tree.forEach(ArchiveRedaction::redact);
        } else if (tree.isObject()) {
            ObjectNode o = (ObjectNode) tree;
            if (o.path("annotations").has(LAST_APPLIED)) {
                ((ObjectNode) o.get("annotations")).put(LAST_APPLIED, REDACTED);
            }
            for (JsonNode env : o.path("env")) {
                if (env.has("value")) {
                    ((ObjectNode) env).put("value", REDACTED);
                }
                hide(env.path("valueFrom").path("secretKeyRef"), "name", "key");
            }
            for (JsonNode from : o.path("envFrom")) {
                hide(from.path("secretRef"), "name");
            }
            hide(o.path("secret"), "secretName", "name"); // a secret volume, or a projected volume's source
            o.forEach(ArchiveRedaction::redact);
        }
        return tree;
    }

    private static void hide(JsonNode n, String... fields) {
        if (n instanceof ObjectNode o) {
            for (String f : fields) {
                if (o.has(f)) {
                    o.put(f, REDACTED);
                }
            }
        }
    }
}
