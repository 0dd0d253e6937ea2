package dev.vigil.system.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What Pod Security admission checks for the restricted profile
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted), applied to a
 * pod template, so that a manifest that the namespace would reject fails here instead of at
 * {@code kubectl apply}. A container's own security context overrides the pod's, as in the API.
 */
final class RestrictedProfile {
    /** Volume types the restricted profile allows, by their field in the volume. */
    private static final Map<String, Function<Volume, Object>> VOLUME_TYPES = Map.of(
            "configMap", Volume::getConfigMap, "csi", Volume::getCsi, "downwardAPI", Volume::getDownwardAPI,
            "emptyDir", Volume::getEmptyDir, "ephemeral", Volume::getEphemeral,
            "persistentVolumeClaim", Volume::getPersistentVolumeClaim, "projected", Volume::getProjected,
            "secret", Volume::getSecret);

    private RestrictedProfile() {
    }

    /** Each way the pod breaks the profile, empty when it meets it. */
    static List<String> violations(PodSpec pod) {
        List<String> out = new ArrayList<>();
        PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            out.add("shares a host namespace");
        }
        for (Volume v : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            if (VOLUME_TYPES.values().stream().allMatch(field -> field.apply(v) == null)) {
                out.add("volume " + v.getName() + " is of a type other than " + VOLUME_TYPES.keySet()
                        + (v.getHostPath() != null ? " (hostPath " + v.getHostPath().getPath() + ")" : ""));
            }
        }
        if (podContext.getWindowsOptions() != null && Boolean.TRUE.equals(podContext.getWindowsOptions().getHostProcess())) {
            out.add("is a HostProcess pod");
        }
        List<Container> containers = Stream.concat(
                Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(),
                pod.getContainers().stream()).toList();
        for (Container c : containers) {
            SecurityContext sc = Optional.ofNullable(c.getSecurityContext()).orElseGet(SecurityContext::new);
            String name = "container " + c.getName();
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                out.add(name + " is privileged");
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                out.add(name + " does not set allowPrivilegeEscalation: false");
            }
            List<String> drop = sc.getCapabilities() == null ? List.of() : Optional.ofNullable(sc.getCapabilities().getDrop()).orElse(List.of());
            List<String> add = sc.getCapabilities() == null ? List.of() : Optional.ofNullable(sc.getCapabilities().getAdd()).orElse(List.of());
            if (!drop.contains("ALL")) {
                out.add(name + " does not drop ALL capabilities");
            }
            if (!Set.of("NET_BIND_SERVICE").containsAll(add)) {
                out.add(name + " adds capabilities " + add);
            }
            if (!Boolean.TRUE.equals(effective(sc.getRunAsNonRoot(), podContext.getRunAsNonRoot()))) {
                out.add(name + " may run as root (runAsNonRoot is not true)");
            }
            Long uid = effective(sc.getRunAsUser(), podContext.getRunAsUser());
            if (uid != null && uid == 0) {
                out.add(name + " runs as uid 0");
            }
            String seccomp = Optional.ofNullable(effective(sc.getSeccompProfile(), podContext.getSeccompProfile()))
                    .map(SeccompProfile::getType).orElse("unset");
            if (!Set.of("RuntimeDefault", "Localhost").contains(seccomp)) {
                out.add(name + " has seccomp profile " + seccomp);
            }
            if (Optional.ofNullable(c.getPorts()).orElse(List.of()).stream().map(ContainerPort::getHostPort)
                    .anyMatch(p -> p != null && p != 0)) {
                out.add(name + " uses a host port");
            }
        }
        return out;
    }

    private static <T> T effective(T container, T pod) {
        return container != null ? container : pod;
    }
}
