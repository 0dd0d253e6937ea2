package dev.vigil.diagnostics.plugins;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a plugin's pods may ask of a node before they run: a plugin definition arrives over the
 * API and becomes a DaemonSet or Job, so without a check it is a path to root on every node.
 * Refused unless the operator approved the plugin by name ({@code vigil.diagnostics.approved-privileged-plugins}):
 * privileged containers, added capabilities, privilege escalation, Windows HostProcess containers,
 * the node's PID, IPC or network namespace, hostPath volumes, and choosing a service account
 * (plugin pods run under the one Vigil gives them).
 */
public final class PodPolicy {
    private PodPolicy() {
    }

    /** What {@code plugin} asks that it may not, one reason per item; empty when it may run. */
    public static List<String> violations(PluginDefinition plugin, Set<String> approved) {
        if (approved.contains(plugin.name())) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (plugin.spec() != null) {
            container(plugin.spec(), out);
        }
        plugin.podSpec().ifPresent(p -> pod(p, out));
        return out;
    }

    private static void pod(PodSpec p, List<String> out) {
        if (Boolean.TRUE.equals(p.getHostPID())) {
            out.add("hostPID");
        }
        if (Boolean.TRUE.equals(p.getHostIPC())) {
            out.add("hostIPC");
        }
        if (Boolean.TRUE.equals(p.getHostNetwork())) {
            out.add("hostNetwork");
        }
        if (notBlank(p.getServiceAccountName()) || notBlank(p.getServiceAccount())) {
            out.add("serviceAccountName (plugin pods run under the service account Vigil gives them)");
        }
        if (p.getSecurityContext() != null && p.getSecurityContext().getWindowsOptions() != null
                && Boolean.TRUE.equals(p.getSecurityContext().getWindowsOptions().getHostProcess())) {
            out.add("a Windows HostProcess pod");
        }
        for (Volume v : p.getVolumes() == null ? List.<Volume>of() : p.getVolumes()) {
            if (v.getHostPath() != null) {
                out.add("hostPath volume " + v.getName() + " (" + v.getHostPath().getPath() + ")");
            }
        }
        for (List<Container> cs : List.of(nonNull(p.getContainers()), nonNull(p.getInitContainers()))) {
            cs.forEach(c -> container(c, out));
        }
    }

    private static void container(Container c, List<String> out) {
        SecurityContext s = c.getSecurityContext();
        if (s == null) {
            return;
        }
        String who = "container " + c.getName() + ": ";
        if (Boolean.TRUE.equals(s.getPrivileged())) {
            out.add(who + "privileged");
        }
        if (Boolean.TRUE.equals(s.getAllowPrivilegeEscalation())) {
            out.add(who + "allowPrivilegeEscalation");
        }
        if (s.getCapabilities() != null && s.getCapabilities().getAdd() != null && !s.getCapabilities().getAdd().isEmpty()) {
            out.add(who + "added capabilities " + s.getCapabilities().getAdd());
        }
        if (s.getWindowsOptions() != null && Boolean.TRUE.equals(s.getWindowsOptions().getHostProcess())) {
            out.add(who + "a Windows HostProcess container");
        }
    }

    private static List<Container> nonNull(List<Container> cs) {
        return cs == null ? List.of() : cs;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
