package dev.vigil.diagnostics.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.json.Json;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;

/**
 * What Sonobuoy's {@code hosts/<node>/} holds, read through the API server's node proxy: the
 * kubelet's running configuration ({@code /configz}) and the status code of its {@code /healthz}.
 * Needs {@code get} on {@code nodes/proxy}, a permission that reaches the whole kubelet API, so it
 * is read only when the operator turned it on.
 *
 * @param configz the kubelet's answer, null when it gave none (the error says why)
 * @param error   empty when both were read
 */
public record HostState(String node, JsonNode configz, int healthz, String error) {

    public static List<HostState> read(KubernetesClient client, List<Node> nodes) {
        List<HostState> out = new ArrayList<>();
        for (Node n : nodes) {
            String name = n.getMetadata().getName();
            String base = "/api/v1/nodes/" + name + "/proxy/";
            JsonNode configz = null;
            String error = "";
            try {
                String body = client.raw(base + "configz");
                configz = body == null ? null : Json.MAPPER.readTree(body);
                if (body == null) {
                    error = "configz: not found";
                }
            } catch (KubernetesClientException e) {
                error = "configz: " + (e.getCode() == 403 ? "forbidden (the service account needs get on nodes/proxy)" : e.getMessage());
            } catch (java.io.IOException e) {
                error = "configz: not JSON: " + e.getMessage();
            }
            int healthz;
            try {
                healthz = client.raw(base + "healthz") == null ? 404 : 200;
            } catch (KubernetesClientException e) {
                healthz = e.getCode();
            }
            out.add(new HostState(name, configz, healthz, error));
        }
        return out;
    }
}
