package dev.vigil.collector.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.model.NodeOs;
import java.net.URI;
import org.junit.jupiter.api.Test;

class KubeletClientConfigTest {
    @Test
    void defaultsFollowNodeOs() {
        KubeletClientConfig linux = KubeletClientConfig.forNode("10.0.0.7", NodeOs.LINUX);
        assertEquals(URI.create("https://10.0.0.7:10250/stats/summary"), linux.endpoint());
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/token", linux.tokenPath());
        assertEquals("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt", linux.caPath());

        KubeletClientConfig windows = KubeletClientConfig.forNode("win-node-1", NodeOs.WINDOWS);
        assertEquals(URI.create("https://win-node-1:10250/stats/summary"), windows.endpoint());
        assertEquals("C:\\var\\run\\secrets\\kubernetes.io\\serviceaccount\\token", windows.tokenPath());
        assertEquals("C:\\var\\run\\secrets\\kubernetes.io\\serviceaccount\\ca.crt", windows.caPath());

        assertEquals(URI.create("https://[fd00::7]:10250/stats/summary"), KubeletClientConfig.forNode("fd00::7", NodeOs.LINUX).endpoint());
    }
}
