package dev.vigil.diagnostics.plugins;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Sonobuoy plugins (test resources, sonobuoy/SOURCES.md) checked against the pod policy. */
class PodPolicyTest {
    private static PluginDefinition plugin(String file) throws IOException {
        try (InputStream in = PodPolicyTest.class.getResourceAsStream("/sonobuoy/plugins/" + file)) {
            return PluginDefinitions.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void privilegedHostPidHostPathAndAChosenServiceAccountAreRefused() throws IOException {
        List<String> systemdLogs = PodPolicy.violations(plugin("systemd-logs.yaml"), Set.of());
        assertEquals(List.of("container systemd-logs: privileged"), systemdLogs);
        List<String> kubeBench = PodPolicy.violations(plugin("kube-bench-plugin.yaml"), Set.of());
        assertTrue(kubeBench.contains("hostPID"), kubeBench.toString());
        assertTrue(kubeBench.stream().anyMatch(v -> v.startsWith("hostPath volume")), kubeBench.toString());
        assertTrue(kubeBench.stream().anyMatch(v -> v.startsWith("serviceAccountName")), kubeBench.toString());
    }

    @Test
    void anApprovedPluginAndAnUnprivilegedOneRun() throws IOException {
        assertEquals(List.of(), PodPolicy.violations(plugin("systemd-logs.yaml"), Set.of("systemd-logs")));
        assertEquals(List.of(), PodPolicy.violations(plugin("cmdrunner.yaml"), Set.of()));
    }

    @Test
    void windowsHostProcessAndAddedCapabilitiesAreRefused() {
        PluginDefinition hostProcess = PluginDefinitions.parse("""
                sonobuoy-config: {driver: DaemonSet, plugin-name: win-probe, result-format: raw}
                spec:
                  name: probe
                  image: example/probe:1
                  securityContext:
                    capabilities: {add: [SYS_ADMIN]}
                podSpec:
                  hostNetwork: true
                  securityContext:
                    windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
                  containers: []
                """);
        List<String> v = PodPolicy.violations(hostProcess, Set.of());
        assertTrue(v.contains("hostNetwork"), v.toString());
        assertTrue(v.contains("a Windows HostProcess pod"), v.toString());
        assertTrue(v.contains("container probe: added capabilities [SYS_ADMIN]"), v.toString());
    }
}
