package dev.vigil.system.deploy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether NetworkPolicies let a TCP connection from one pod into another, by the rules of
 * the API (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a pod that
 * no Ingress policy of its namespace selects accepts everything; a selected pod accepts what at
 * least one selecting policy's rule allows, by port and by peer. A peer with a pod selector alone
 * means pods of the policy's own namespace; ipBlock peers never match a pod here, since pods are
 * named by labels.
 */
final class NetworkPolicyCheck {

    private NetworkPolicyCheck() {
    }

    /** One end of a connection: a pod's namespace, that namespace's labels, and the pod's labels. */
    record Peer(String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {
    }

    static boolean allows(List<NetworkPolicy> policies, Peer from, Peer to, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> to.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> isIngress(p) && LabelSelectors.matches(p.getSpec().getPodSelector(), to.podLabels()))
                .toList();
        return selecting.isEmpty() || selecting.stream().anyMatch(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of())
                .stream().anyMatch(rule -> portMatches(rule, port) && fromMatches(rule, p.getMetadata().getNamespace(), from)));
    }

    static boolean isIngress(NetworkPolicy p) {
        List<String> types = p.getSpec().getPolicyTypes();
        // Without policyTypes a policy is an Ingress policy (and Egress too if it has egress rules).
        return types == null || types.isEmpty() || types.contains("Ingress");
    }

    private static boolean portMatches(NetworkPolicyIngressRule rule, int port) {
        List<NetworkPolicyPort> ports = Optional.ofNullable(rule.getPorts()).orElse(List.of());
        return ports.isEmpty() || ports.stream().anyMatch(p -> {
            boolean tcp = p.getProtocol() == null || p.getProtocol().equals("TCP");
            if (p.getPort() == null) {
                return tcp;
            }
            // Named ports are not used in Vigil's policies; a number is checked against the container's port.
            Integer first = p.getPort().getIntVal();
            int last = p.getEndPort() != null ? p.getEndPort() : first == null ? -1 : first;
            return tcp && first != null && first <= port && port <= last;
        });
    }

    private static boolean fromMatches(NetworkPolicyIngressRule rule, String policyNamespace, Peer from) {
        List<NetworkPolicyPeer> peers = Optional.ofNullable(rule.getFrom()).orElse(List.of());
        return peers.isEmpty() || peers.stream().anyMatch(peer -> {
            if (peer.getNamespaceSelector() == null && peer.getPodSelector() == null) {
                return false;
            }
            boolean namespace = peer.getNamespaceSelector() == null
                    ? from.namespace().equals(policyNamespace)
                    : LabelSelectors.matches(peer.getNamespaceSelector(), from.namespaceLabels());
            return namespace && (peer.getPodSelector() == null || LabelSelectors.matches(peer.getPodSelector(), from.podLabels()));
        });
    }
}
