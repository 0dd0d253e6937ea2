package dev.vigil.system.deploy;

import dev.vigil.system.deploy.Manifests.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders every overlay under deploy/k8s/overlays with {@code kubectl kustomize} and checks what
 * a mixed Linux/Windows cluster depends on: explicit OS placement, the Windows HostProcess
 * collector, one collector configuration for both OSes, least-privilege RBAC, and the stores'
 * persistent volumes; and how the deployment is hardened: the services' namespace under the
 * restricted Pod Security profile and the node agents alone in a privileged one, the collectors'
 * host paths and tolerations, the NetworkPolicy flows, and PodDisruptionBudgets.
 */
class KustomizeOverlaysTest {
    private static final String OS_LABEL = "kubernetes.io/os";
    /** The services, Grafana and (Strimzi overlay) Kafka: restricted Pod Security profile. */
    private static final String SERVICES_NAMESPACE = "vigil";
    /** The collectors and diagnostics plugin runs: privileged Pod Security profile. */
    private static final String NODE_NAMESPACE = "vigil-node";
    private static final String POD_SECURITY = "pod-security.kubernetes.io/";
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "PriorityClass");
    /** Peers of the flow tables that are not Vigil workloads. */
    private static final String PLUGIN_RUN = "a diagnostics plugin run";
    private static final String LABELLED_NAMESPACE = "a pod in a namespace labelled vigil.dev/api-access=true";
    private static final String OTHER_NAMESPACE = "a pod in another namespace";
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static List<String> overlays() {
        List<String> names = Kustomize.overlays();
        assertTrue(names.containsAll(List.of("strimzi", "external")), "overlays found: " + names);
        return names;
    }

    private static Manifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::render);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodTemplateHasAnExplicitOsNodeSelector(String overlay) {
        Map<String, PodSpec> pods = render(overlay).podSpecs();
        assertTrue(pods.size() >= 7, overlay + ": expected every Vigil workload, found " + pods.keySet());
        pods.forEach((workload, spec) -> {
            String os = Optional.ofNullable(spec.getNodeSelector()).map(s -> s.get(OS_LABEL)).orElse("");
            assertTrue(Set.of("linux", "windows").contains(os),
                    overlay + ": " + workload + " has no kubernetes.io/os node selector (found '" + os + "')");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyFieldIsOneTheKubernetesApiKnows(String overlay) {
        for (io.fabric8.kubernetes.api.model.HasMetadata o : render(overlay).items()) {
            List<String> unknown = UnknownFields.of(o);
            assertTrue(unknown.isEmpty(), overlay + ": " + o.getKind() + "/" + o.getMetadata().getName() + " has unknown fields " + unknown);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasResourceRequestsAndLimits(String overlay) {
        render(overlay).podSpecs().forEach((workload, spec) -> {
            for (Container c : spec.getContainers()) {
                assertNotNull(c.getResources(), overlay + ": " + workload + "/" + c.getName() + " has no resources");
                for (String r : List.of("cpu", "memory")) {
                    Map<String, Quantity> requests = Optional.ofNullable(c.getResources().getRequests()).orElse(Map.of());
                    Map<String, Quantity> limits = Optional.ofNullable(c.getResources().getLimits()).orElse(Map.of());
                    assertTrue(requests.containsKey(r), overlay + ": " + workload + " requests no " + r);
                    assertTrue(limits.containsKey(r), overlay + ": " + workload + " sets no " + r + " limit");
                }
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void rbacGrantsNoWildcards(String overlay) {
        Manifests m = render(overlay);
        List<PolicyRule> rules = new ArrayList<>();
        m.ofType(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
        m.ofType(Role.class).forEach(r -> rules.addAll(r.getRules()));
        assertFalse(rules.isEmpty(), overlay + ": no RBAC rules rendered");
        for (PolicyRule rule : rules) {
            for (List<String> field : Arrays.asList(rule.getVerbs(), rule.getResources(), rule.getApiGroups(),
                    rule.getNonResourceURLs(), rule.getResourceNames())) {
                for (String value : Optional.ofNullable(field).orElse(List.of())) {
                    assertFalse(value.contains("*"), overlay + ": RBAC rule grants a wildcard: " + rule);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void diagnosticsRunsPluginsInTheNodeNamespaceAndWritesNowhereElse(String overlay) {
        Manifests m = render(overlay);
        Deployment deployment = m.named(Deployment.class, "diagnostics-service");
        Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(NODE_NAMESPACE, env(c, "VIGIL_DIAGNOSTICS_NAMESPACE"),
                "plugin runs go where an approved plugin with host access is admitted");
        Role plugins = m.named(Role.class, "vigil-diagnostics-plugins");
        assertEquals(NODE_NAMESPACE, plugins.getMetadata().getNamespace());
        assertTrue(grants(plugins.getRules(), "batch", "jobs", "create") && grants(plugins.getRules(), "batch", "jobs", "delete"),
                "diagnostics must create and delete Jobs: " + plugins.getRules());
        assertTrue(grants(plugins.getRules(), "apps", "daemonsets", "create") && grants(plugins.getRules(), "apps", "daemonsets", "delete"),
                "diagnostics must create and delete DaemonSets: " + plugins.getRules());
        assertTrue(grants(plugins.getRules(), "", "configmaps", "create") && grants(plugins.getRules(), "", "configmaps", "delete"),
                "diagnostics must create and delete the ConfigMaps of plugins' config-map files: " + plugins.getRules());
        // Everything bound to diagnostics-service's account: that Role, and cluster-wide reading.
        Subject account = new Subject(null, "ServiceAccount", "diagnostics-service", deployment.getMetadata().getNamespace());
        List<String> roles = m.ofType(RoleBinding.class).stream().filter(b -> b.getSubjects().contains(account))
                .map(b -> b.getRoleRef().getKind() + "/" + b.getRoleRef().getName() + " in " + b.getMetadata().getNamespace()).toList();
        assertEquals(List.of("Role/vigil-diagnostics-plugins in " + NODE_NAMESPACE), roles, "diagnostics-service may write there only");
        List<String> clusterRoles = m.ofType(ClusterRoleBinding.class).stream().filter(b -> b.getSubjects().contains(account))
                .map(b -> b.getRoleRef().getName()).toList();
        assertEquals(List.of("vigil-diagnostics-read"), clusterRoles);
        ClusterRole read = m.named(ClusterRole.class, "vigil-diagnostics-read");
        for (PolicyRule rule : read.getRules()) {
            assertTrue(Set.of("get", "list", "watch").containsAll(rule.getVerbs()), "cluster-wide access must be read-only: " + rule);
            assertFalse(Optional.ofNullable(rule.getResources()).orElse(List.of()).contains("secrets"), "diagnostics must not read Secrets");
        }
        for (String resource : List.of("nodes", "pods", "namespaces")) {
            assertTrue(grants(read.getRules(), "", resource, "list"), "diagnostics must list " + resource);
        }
        assertTrue(grants(read.getRules(), "apps", "daemonsets", "list"));
        // Plugin workers in the node namespace upload to the Service in the services' namespace.
        assertEquals("http://diagnostics-service." + SERVICES_NAMESPACE + ".svc:9104",
                expand(c, "VIGIL_DIAGNOSTICS_UPLOAD_URL", deployment.getMetadata().getNamespace()));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void collectorMayReadKubeletStatsAndListPods(String overlay) {
        ClusterRole role = render(overlay).named(ClusterRole.class, "vigil-collector");
        assertTrue(grants(role.getRules(), "", "nodes/stats", "get") || grants(role.getRules(), "", "nodes/proxy", "get"),
                "the collector needs nodes/stats (or nodes/proxy) for the kubelet Summary API: " + role.getRules());
        assertTrue(grants(role.getRules(), "", "pods", "list"), "the collector lists pods");
        for (PolicyRule rule : role.getRules()) {
            assertTrue(Set.of("get", "list", "watch").containsAll(rule.getVerbs()), "the collector only reads: " + rule);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void bothCollectorDaemonSetsReadTheSameConfigMap(String overlay) {
        Manifests m = render(overlay);
        List<String> linux = configMapRefs(m.named(DaemonSet.class, "collector-linux"));
        List<String> windows = configMapRefs(m.named(DaemonSet.class, "collector-windows"));
        String collectorConfig = linux.stream().filter(n -> n.startsWith("vigil-collector")).findFirst()
                .orElseThrow(() -> new AssertionError("the Linux collector reads no vigil-collector ConfigMap: " + linux));
        assertTrue(windows.contains(collectorConfig), "the Windows collector must read " + collectorConfig + ", reads " + windows);
        assertEquals(linux, windows, "both collectors read the same ConfigMaps");
        ConfigMap config = m.configMap(collectorConfig);
        assertTrue(config.getData().keySet().stream().allMatch(k -> k.startsWith("VIGIL_COLLECTOR_")),
                "the shared ConfigMap holds collector settings only: " + config.getData().keySet());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void collectorsUseAPriorityClassTheOverlayCreates(String overlay) {
        Manifests m = render(overlay);
        for (String name : List.of("collector-linux", "collector-windows")) {
            String priority = m.named(DaemonSet.class, name).getSpec().getTemplate().getSpec().getPriorityClassName();
            assertTrue(m.find(PriorityClass.class, priority).isPresent(), name + " uses PriorityClass " + priority + ", which is not rendered");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void linuxCollectorMountsPodLogsAndTheJournal(String overlay) {
        PodSpec spec = render(overlay).named(DaemonSet.class, "collector-linux").getSpec().getTemplate().getSpec();
        assertEquals("linux", spec.getNodeSelector().get(OS_LABEL));
        List<String> hostPaths = spec.getVolumes().stream().filter(v -> v.getHostPath() != null)
                .map(v -> v.getHostPath().getPath()).toList();
        assertTrue(hostPaths.containsAll(List.of("/var/log/pods", "/var/log/journal")), "host paths: " + hostPaths);
        Container c = spec.getContainers().get(0);
        for (Volume v : spec.getVolumes()) {
            assertTrue(c.getVolumeMounts().stream().anyMatch(vm -> vm.getName().equals(v.getName())), v.getName() + " is not mounted");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void collectorsDialTheKubeletAtTheNodesIp(String overlay) {
        for (String name : List.of("collector-linux", "collector-windows")) {
            Container c = render(overlay).named(DaemonSet.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
            EnvVar ip = c.getEnv().stream().filter(e -> e.getName().equals("NODE_IP")).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": " + name + " has no NODE_IP"));
            assertEquals("status.hostIP", ip.getValueFrom().getFieldRef().getFieldPath(), overlay + ": " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void linuxCollectorMountsOnlyTheHostFilesItReadsReadOnly(String overlay) {
        PodSpec spec = render(overlay).named(DaemonSet.class, "collector-linux").getSpec().getTemplate().getSpec();
        Container c = spec.getContainers().get(0);
        Map<String, String> hostPathOfVolume = new HashMap<>();
        spec.getVolumes().stream().filter(v -> v.getHostPath() != null)
                .forEach(v -> hostPathOfVolume.put(v.getName(), v.getHostPath().getPath().replaceAll("(.)/+$", "$1")));
        for (Map.Entry<String, String> v : hostPathOfVolume.entrySet()) {
            // the one exception: the root, read-only, where VIGIL_COLLECTOR_ROOT_FS says (checked below)
            if (v.getValue().equals("/") && v.getKey().equals("host-root")) {
                continue;
            }
            assertFalse(Set.of("/", "/etc", "/proc", "/sys", "/var", "/var/lib", "/run").contains(v.getValue()),
                    overlay + ": the Linux collector mounts the host's whole " + v.getValue());
        }
        Map<String, String> hostPathAt = new HashMap<>();
        for (VolumeMount mount : c.getVolumeMounts()) {
            String host = hostPathOfVolume.get(mount.getName());
            if (host == null) {
                continue;
            }
            hostPathAt.put(mount.getMountPath(), host);
            // The one exception: its own state (read positions, spool), in Vigil's own directory.
            boolean state = mount.getMountPath().equals(env(c, "VIGIL_DATA_DIR"));
            assertEquals(!state, Boolean.TRUE.equals(mount.getReadOnly()),
                    overlay + ": host path " + host + " at " + mount.getMountPath() + (state ? " is the state directory, written" : " must be read-only"));
            if (state) {
                assertEquals("/var/lib/vigil", host, overlay + ": the state directory on the node");
            }
        }
        // What it reads under /etc: os-release where VIGIL_COLLECTOR_ETC_ROOT says, machine-id where journalctl looks.
        assertEquals("/etc/os-release", hostPathAt.get(env(c, "VIGIL_COLLECTOR_ETC_ROOT") + "/os-release"), overlay + ": " + hostPathAt);
        assertEquals("/etc/machine-id", hostPathAt.get("/etc/machine-id"), overlay + ": " + hostPathAt);
        // node_filesystem_* stats the node's mounts below the root the code is told of, which sees
        // later mounts too; the containerd socket check looks below the same root
        assertEquals("/", hostPathAt.get(env(c, "VIGIL_COLLECTOR_ROOT_FS")), overlay + ": " + hostPathAt);
        assertEquals(env(c, "VIGIL_COLLECTOR_ROOT_FS"), env(c, "VIGIL_COLLECTOR_DIAGNOSTICS_HOST_ROOT"), overlay);
        VolumeMount root = c.getVolumeMounts().stream().filter(vm -> vm.getName().equals("host-root")).findFirst().orElseThrow();
        assertEquals("HostToContainer", root.getMountPropagation(), overlay);
        SecurityContext sc = c.getSecurityContext();
        assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), overlay);
        assertTrue(Optional.ofNullable(sc.getCapabilities().getAdd()).orElse(List.of()).isEmpty(),
                overlay + ": root needs no capability for files it owns: " + sc.getCapabilities().getAdd());
        assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), overlay);
        assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noPodToleratesEveryTaint(String overlay) {
        for (Workload w : render(overlay).workloads()) {
            for (Toleration t : Optional.ofNullable(w.spec().getTolerations()).orElse(List.of())) {
                assertFalse("Exists".equals(t.getOperator()) && (t.getKey() == null || t.getKey().isEmpty()),
                        overlay + ": " + w.id() + " tolerates every taint: " + t);
            }
        }
        PodSpec linux = render(overlay).named(DaemonSet.class, "collector-linux").getSpec().getTemplate().getSpec();
        assertTrue(Optional.ofNullable(linux.getTolerations()).orElse(List.of()).isEmpty(),
                overlay + ": control-plane nodes are opt-in (components/collector-on-control-plane): " + linux.getTolerations());
    }

    @Test
    void controlPlaneComponentLetsTheLinuxCollectorOntoControlPlaneNodesAndNothingElse() {
        Manifests with = Kustomize.render("strimzi", "collector-on-control-plane");
        PodSpec linux = with.named(DaemonSet.class, "collector-linux").getSpec().getTemplate().getSpec();
        assertEquals(List.of(new Toleration("NoSchedule", "node-role.kubernetes.io/control-plane", "Exists", null, null)),
                linux.getTolerations());
        Manifests without = render("strimzi");
        assertEquals(without.named(DaemonSet.class, "collector-windows"), with.named(DaemonSet.class, "collector-windows"));
        assertEquals(without.items().size(), with.items().size());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void windowsCollectorIsAHostProcessPodOnWindowsNodes(String overlay) {
        PodSpec spec = render(overlay).named(DaemonSet.class, "collector-windows").getSpec().getTemplate().getSpec();
        assertEquals("windows", spec.getNodeSelector().get(OS_LABEL));
        assertEquals(Boolean.TRUE, spec.getHostNetwork(), "HostProcess pods must use the host network");
        var windowsOptions = spec.getSecurityContext().getWindowsOptions();
        assertEquals(Boolean.TRUE, windowsOptions.getHostProcess());
        assertTrue(windowsOptions.getRunAsUserName().startsWith("NT AUTHORITY\\"), "HostProcess user: " + windowsOptions.getRunAsUserName());
        boolean tolerated = Optional.ofNullable(spec.getTolerations()).orElse(List.of()).stream()
                .anyMatch(KustomizeOverlaysTest::toleratesWindowsTaint);
        assertTrue(tolerated, "the Windows collector must tolerate the os=windows:NoSchedule taint: " + spec.getTolerations());
        Container c = spec.getContainers().get(0);
        assertTrue(env(c, "VIGIL_DATA_DIR").startsWith("C:\\"), "state on the node's disk: " + env(c, "VIGIL_DATA_DIR"));
        assertEquals("C:\\var\\log\\pods", env(c, "VIGIL_COLLECTOR_POD_LOG_ROOT"));
        assertTrue(String.join(" ", c.getCommand()).contains("%CONTAINER_SANDBOX_MOUNT_POINT%"),
                "a HostProcess container starts from its sandbox mount point: " + c.getCommand());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void storesAreStatefulSetsWithPersistentVolumesAtTheirDataDir(String overlay) {
        Manifests m = render(overlay);
        for (String name : List.of("metrics-service", "logs-service")) {
            StatefulSet s = m.named(StatefulSet.class, name);
            assertTrue(s.getSpec().getReplicas() >= 1);
            String claim = s.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
            Container c = s.getSpec().getTemplate().getSpec().getContainers().get(0);
            String dataDir = env(c, "VIGIL_DATA_DIR");
            assertTrue(c.getVolumeMounts().stream().anyMatch(vm -> vm.getName().equals(claim) && vm.getMountPath().equals(dataDir)),
                    name + " must keep " + dataDir + " on its persistent volume");
            assertEquals("$(POD_IP):" + c.getPorts().get(0).getContainerPort(), env(c, "QUARKUS_KAFKA_STREAMS_APPLICATION_SERVER"),
                    name + " replicas must advertise an address the others can reach");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void alertServiceReadsRulesAndAlertmanagerConfigFromItsConfigMap(String overlay) {
        Manifests m = render(overlay);
        PodSpec spec = m.named(Deployment.class, "alert-service").getSpec().getTemplate().getSpec();
        Volume config = spec.getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst()
                .orElseThrow(() -> new AssertionError("alert-service mounts no ConfigMap"));
        Map<String, String> data = m.configMap(config.getConfigMap().getName()).getData();
        assertTrue(data.keySet().containsAll(List.of("rules.yml", "alertmanager.yml")), "keys: " + data.keySet());
        String mountPath = spec.getContainers().get(0).getVolumeMounts().stream()
                .filter(vm -> vm.getName().equals(config.getName())).findFirst().orElseThrow().getMountPath();
        Container c = spec.getContainers().get(0);
        assertEquals(mountPath + "/rules.yml", env(c, "VIGIL_ALERT_RULE_FILES"));
        assertEquals(mountPath + "/alertmanager.yml", env(c, "VIGIL_ALERT_CONFIG_FILE"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyVigilPodGetsTheKafkaBootstrapServers(String overlay) {
        Manifests m = render(overlay);
        String bootstrap = m.ofType(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("vigil-kafka"))
                .findFirst().orElseThrow().getData().get("KAFKA_BOOTSTRAP_SERVERS");
        assertFalse(bootstrap == null || bootstrap.isBlank(), overlay + ": no bootstrap servers");
        Stream.of("metrics-service", "logs-service").forEach(n ->
                assertTrue(configMapRefs(m.named(StatefulSet.class, n)).stream().anyMatch(r -> r.startsWith("vigil-kafka")), n));
        Stream.of("alert-service", "diagnostics-service").forEach(n ->
                assertTrue(configMapRefs(m.named(Deployment.class, n)).stream().anyMatch(r -> r.startsWith("vigil-kafka")), n));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void namespacesCarryTheirPodSecurityLevels(String overlay) {
        Manifests m = render(overlay);
        Map<String, String> services = m.named(Namespace.class, SERVICES_NAMESPACE).getMetadata().getLabels();
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertEquals("restricted", services.get(POD_SECURITY + mode), overlay + ": " + SERVICES_NAMESPACE + " " + mode);
        }
        List<String> privileged = new ArrayList<>();
        for (Namespace ns : m.ofType(Namespace.class)) {
            String enforce = ns.getMetadata().getLabels().get(POD_SECURITY + "enforce");
            assertNotNull(enforce, overlay + ": namespace " + ns.getMetadata().getName() + " enforces no Pod Security level");
            if (enforce.equals("privileged")) {
                privileged.add(ns.getMetadata().getName());
            }
        }
        assertEquals(List.of(NODE_NAMESPACE), privileged, overlay + ": namespaces that admit privileged pods");
        for (HasMetadata o : m.items()) {
            if (!CLUSTER_SCOPED.contains(o.getKind())) {
                assertTrue(Set.of(SERVICES_NAMESPACE, NODE_NAMESPACE).contains(o.getMetadata().getNamespace()),
                        overlay + ": " + o.getKind() + "/" + o.getMetadata().getName() + " is in namespace " + o.getMetadata().getNamespace());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheCollectorDaemonSetsRunInTheNodeNamespace(String overlay) {
        List<String> node = render(overlay).workloads().stream().filter(w -> w.namespace().equals(NODE_NAMESPACE))
                .map(Workload::id).sorted().toList();
        assertEquals(List.of("DaemonSet/collector-linux", "DaemonSet/collector-windows"), node, overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyPodInTheServicesNamespaceMeetsTheRestrictedProfile(String overlay) {
        Manifests m = render(overlay);
        List<Workload> services = m.workloads().stream().filter(w -> w.namespace().equals(SERVICES_NAMESPACE)).toList();
        assertTrue(services.size() >= 5, overlay + ": the four services and Grafana, found " + services.stream().map(Workload::id).toList());
        for (Workload w : services) {
            assertEquals(List.of(), RestrictedProfile.violations(w.spec()), overlay + ": " + w.id() + " would be rejected in " + SERVICES_NAMESPACE);
        }
        // The check sees host access: the Linux collector breaks the profile, which is why it lives elsewhere.
        assertFalse(RestrictedProfile.violations(m.named(DaemonSet.class, "collector-linux").getSpec().getTemplate().getSpec()).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyConfigMapAndServiceAccountAPodNamesIsInItsNamespace(String overlay) {
        Manifests m = render(overlay);
        for (Workload w : m.workloads()) {
            Set<String> configMaps = m.inNamespace(ConfigMap.class, w.namespace()).stream().map(c -> c.getMetadata().getName())
                    .collect(Collectors.toSet());
            List<String> named = new ArrayList<>();
            for (Container c : w.spec().getContainers()) {
                Optional.ofNullable(c.getEnvFrom()).orElse(List.of()).stream().filter(e -> e.getConfigMapRef() != null)
                        .forEach(e -> named.add(e.getConfigMapRef().getName()));
                Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null)
                        .forEach(e -> named.add(e.getValueFrom().getConfigMapKeyRef().getName()));
            }
            Optional.ofNullable(w.spec().getVolumes()).orElse(List.of()).stream().filter(v -> v.getConfigMap() != null)
                    .forEach(v -> named.add(v.getConfigMap().getName()));
            for (String name : named) {
                assertTrue(configMaps.contains(name), overlay + ": " + w.id() + " reads ConfigMap " + name + ", which is not in " + w.namespace());
            }
            String account = w.spec().getServiceAccountName();
            if (account != null) {
                assertTrue(m.inNamespace(ServiceAccount.class, w.namespace()).stream().anyMatch(a -> a.getMetadata().getName().equals(account)),
                        overlay + ": " + w.id() + " runs as ServiceAccount " + account + ", which is not in " + w.namespace());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void collectorsGetTheServicesKafkaSettingsByNamesThatResolveFromTheirNamespace(String overlay) {
        Manifests m = render(overlay);
        Map<String, String> services = kafkaSettings(m, SERVICES_NAMESPACE);
        assertEquals(services, kafkaSettings(m, NODE_NAMESPACE), overlay + ": the collectors must talk to the services' Kafka");
        for (String server : services.get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            String host = server.substring(0, server.lastIndexOf(':'));
            // A bare Service name resolves only in the client's own namespace.
            assertTrue(host.contains("."), overlay + ": bootstrap server " + server + " does not name its namespace or domain");
        }
    }

    @Test
    void externalOverlayGivesEveryVigilPodTheKafkaClientSettings() {
        Manifests m = render("external");
        m.podSpecs().forEach((workload, spec) -> {
            if (workload.equals("Deployment/grafana")) {
                return;
            }
            boolean mounted = spec.getVolumes().stream().anyMatch(v -> v.getSecret() != null
                    && v.getSecret().getSecretName().equals("vigil-kafka-client"));
            assertTrue(mounted, workload + " does not mount the vigil-kafka-client Secret");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceRequiresTokensFromTheSecretAndGrafanaHasNoAnonymousAccess(String overlay) {
        Manifests m = render(overlay);
        Map<String, PodSpec> services = Map.of(
                "metrics-service", m.named(StatefulSet.class, "metrics-service").getSpec().getTemplate().getSpec(),
                "logs-service", m.named(StatefulSet.class, "logs-service").getSpec().getTemplate().getSpec(),
                "alert-service", m.named(Deployment.class, "alert-service").getSpec().getTemplate().getSpec(),
                "diagnostics-service", m.named(Deployment.class, "diagnostics-service").getSpec().getTemplate().getSpec());
        services.forEach((name, spec) -> {
            Volume tokens = spec.getVolumes().stream().filter(v -> v.getSecret() != null
                    && v.getSecret().getSecretName().equals("vigil-api-tokens")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " does not mount the vigil-api-tokens Secret"));
            assertFalse(Boolean.TRUE.equals(tokens.getSecret().getOptional()), name + ": without tokens the pod must not start");
            Container c = spec.getContainers().get(0);
            String dir = c.getVolumeMounts().stream().filter(vm -> vm.getName().equals(tokens.getName())).findFirst()
                    .orElseThrow().getMountPath();
            assertEquals(dir + "/tokens", env(c, "VIGIL_AUTH_TOKENS_FILE"), name);
            assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("VIGIL_AUTH_CLIENT_TOKEN")
                    && e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null), name + " has no service token");
        });
        Container grafana = m.named(Deployment.class, "grafana").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("false", env(grafana, "GF_AUTH_ANONYMOUS_ENABLED"));
        assertTrue(grafana.getEnv().stream().anyMatch(e -> e.getName().equals("GF_SECURITY_ADMIN_PASSWORD")
                && e.getValueFrom().getSecretKeyRef() != null && !Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional())),
                "Grafana's admin password must come from a Secret, with no default");
        // no token or password in any ConfigMap
        for (ConfigMap cm : m.ofType(ConfigMap.class)) {
            String data = String.valueOf(cm.getData());
            assertFalse(data.matches("(?s).*(VIGIL_AUTH_TOKENS|GF_SECURITY_ADMIN_PASSWORD)\\s*[:=]\\s*\\S+.*"), cm.getMetadata().getName());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void collectorsServeMetricsOnlyWithATokenFromTheSecretOfTheirNamespace(String overlay) {
        Manifests m = render(overlay);
        for (String name : List.of("collector-linux", "collector-windows")) {
            PodSpec spec = m.named(DaemonSet.class, name).getSpec().getTemplate().getSpec();
            Volume tokens = spec.getVolumes().stream().filter(v -> v.getSecret() != null
                    && v.getSecret().getSecretName().equals("vigil-api-tokens")).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": " + name + " does not mount the vigil-api-tokens Secret"));
            assertFalse(Boolean.TRUE.equals(tokens.getSecret().getOptional()), name + ": without tokens the pod must not start");
            assertEquals(List.of("tokens"), tokens.getSecret().getItems().stream().map(i -> i.getKey()).toList(),
                    name + " reads the accepted tokens and nothing else of the Secret");
            Container c = spec.getContainers().get(0);
            String dir = c.getVolumeMounts().stream().filter(vm -> vm.getName().equals(tokens.getName())).findFirst()
                    .orElseThrow().getMountPath();
            // HostProcess volumes appear below the sandbox mount point, which Quarkus expands.
            String expected = name.endsWith("windows") ? "${CONTAINER_SANDBOX_MOUNT_POINT}" + dir + "/tokens" : dir + "/tokens";
            assertEquals(expected, env(c, "VIGIL_AUTH_TOKENS_FILE"), overlay + ": " + name);
            assertTrue(c.getEnv().stream().noneMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                            && e.getValueFrom().getSecretKeyRef().getName().equals("vigil-api-tokens")),
                    overlay + ": " + name + " calls no Vigil API and carries no token: " + c.getEnv());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachNamespaceDeniesIngressByDefaultAndLimitsNoEgress(String overlay) {
        Manifests m = render(overlay);
        for (String namespace : List.of(SERVICES_NAMESPACE, NODE_NAMESPACE)) {
            boolean denyAll = m.inNamespace(NetworkPolicy.class, namespace).stream().anyMatch(p ->
                    LabelSelectors.matches(p.getSpec().getPodSelector(), Map.of()) && NetworkPolicyCheck.isIngress(p)
                            && Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).isEmpty());
            assertTrue(denyAll, overlay + ": no NetworkPolicy in " + namespace + " selects every pod and lets nothing in");
        }
        // Kafka, DNS, the Kubernetes API and notification receivers must stay reachable.
        for (NetworkPolicy p : m.ofType(NetworkPolicy.class)) {
            assertEquals(List.of("Ingress"), p.getSpec().getPolicyTypes(), overlay + ": " + p.getMetadata().getName());
        }
    }

    /** A connection from a pod (a workload's, or one of the peers named above) to a workload's HTTP port. */
    private record Flow(String from, String to) {
    }

    /** The flows of ARCHITECTURE.md, each from a pod to a workload's HTTP port. */
    private static final List<Flow> ALLOWED_FLOWS = List.of(
            new Flow("grafana", "metrics-service"), new Flow("grafana", "logs-service"),
            new Flow("grafana", "alert-service"), new Flow("grafana", "diagnostics-service"),
            new Flow("alert-service", "metrics-service"), new Flow("alert-service", "logs-service"),
            new Flow("metrics-service", "metrics-service"), new Flow("logs-service", "logs-service"),
            new Flow("metrics-service", "alert-service"), new Flow("logs-service", "alert-service"),
            new Flow(PLUGIN_RUN, "diagnostics-service"),
            new Flow(LABELLED_NAMESPACE, "metrics-service"), new Flow(LABELLED_NAMESPACE, "logs-service"),
            new Flow(LABELLED_NAMESPACE, "alert-service"), new Flow(LABELLED_NAMESPACE, "diagnostics-service"),
            new Flow(LABELLED_NAMESPACE, "grafana"));

    /** Flows no component needs: each must be refused, or the policies let through more than they say. */
    private static final List<Flow> DENIED_FLOWS = List.of(
            new Flow("logs-service", "metrics-service"), new Flow("metrics-service", "logs-service"),
            new Flow("diagnostics-service", "metrics-service"), new Flow("alert-service", "diagnostics-service"),
            new Flow("metrics-service", "grafana"), new Flow("alert-service", "grafana"),
            new Flow(PLUGIN_RUN, "metrics-service"), new Flow(PLUGIN_RUN, "grafana"),
            new Flow(OTHER_NAMESPACE, "metrics-service"), new Flow(OTHER_NAMESPACE, "diagnostics-service"),
            new Flow(OTHER_NAMESPACE, "grafana"), new Flow(LABELLED_NAMESPACE, PLUGIN_RUN),
            new Flow("grafana", PLUGIN_RUN));

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesAllowTheArchitecturesFlowsOnTheirPorts(String overlay) {
        Manifests m = render(overlay);
        List<NetworkPolicy> policies = m.ofType(NetworkPolicy.class);
        for (Flow flow : ALLOWED_FLOWS) {
            int port = httpPort(m, flow.to());
            assertTrue(NetworkPolicyCheck.allows(policies, peer(m, flow.from()), peer(m, flow.to()), port),
                    overlay + ": " + flow.from() + " may not reach " + flow.to() + " on " + port);
            assertFalse(NetworkPolicyCheck.allows(policies, peer(m, flow.from()), peer(m, flow.to()), port + 1),
                    overlay + ": " + flow.from() + " may reach " + flow.to() + " on another port than " + port);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesRefuseFlowsNoComponentNeeds(String overlay) {
        Manifests m = render(overlay);
        List<NetworkPolicy> policies = m.ofType(NetworkPolicy.class);
        for (Flow flow : DENIED_FLOWS) {
            int port = flow.to().equals(PLUGIN_RUN) ? 8080 : httpPort(m, flow.to());
            assertFalse(NetworkPolicyCheck.allows(policies, peer(m, flow.from()), peer(m, flow.to()), port),
                    overlay + ": " + flow.from() + " may reach " + flow.to() + " on " + port);
        }
    }

    private static NetworkPolicyCheck.Peer peer(Manifests m, String who) {
        return switch (who) {
            case PLUGIN_RUN -> new NetworkPolicyCheck.Peer(NODE_NAMESPACE, namespaceLabels(m, NODE_NAMESPACE),
                    Map.of("vigil.dev/run", "r1", "vigil.dev/plugin", "e2e", "vigil.dev/os", "linux"));
            case LABELLED_NAMESPACE -> new NetworkPolicyCheck.Peer("monitoring",
                    Map.of("kubernetes.io/metadata.name", "monitoring", "vigil.dev/api-access", "true"), Map.of("app", "prometheus"));
            case OTHER_NAMESPACE -> new NetworkPolicyCheck.Peer("default",
                    Map.of("kubernetes.io/metadata.name", "default"), Map.of("app", "prometheus"));
            default -> {
                Workload w = m.workloads().stream().filter(x -> x.owner().getMetadata().getName().equals(who)).findFirst()
                        .orElseThrow(() -> new AssertionError(m.overlay() + ": no workload " + who));
                yield new NetworkPolicyCheck.Peer(w.namespace(), namespaceLabels(m, w.namespace()), w.podLabels());
            }
        };
    }

    /** A namespace's labels as the API server keeps them: its own plus kubernetes.io/metadata.name. */
    private static Map<String, String> namespaceLabels(Manifests m, String namespace) {
        Map<String, String> labels = new HashMap<>(m.named(Namespace.class, namespace).getMetadata().getLabels());
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    private static int httpPort(Manifests m, String workload) {
        return m.podSpecs().entrySet().stream().filter(e -> e.getKey().endsWith("/" + workload)).findFirst()
                .orElseThrow(() -> new AssertionError(m.overlay() + ": no workload " + workload))
                .getValue().getContainers().get(0).getPorts().get(0).getContainerPort();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReplicatedWorkloadHasOneDisruptionBudgetTakingOnePodAtATime(String overlay) {
        Manifests m = render(overlay);
        List<PodDisruptionBudget> budgets = m.ofType(PodDisruptionBudget.class);
        List<String> replicated = new ArrayList<>();
        for (Workload w : m.workloads()) {
            Integer replicas = w.owner() instanceof Deployment d ? d.getSpec().getReplicas()
                    : w.owner() instanceof StatefulSet st ? st.getSpec().getReplicas() : null;
            List<PodDisruptionBudget> covering = budgets.stream()
                    .filter(b -> b.getMetadata().getNamespace().equals(w.namespace())
                            && LabelSelectors.matches(b.getSpec().getSelector(), w.podLabels())).toList();
            // The eviction API refuses to evict a pod that more than one budget selects.
            assertTrue(covering.size() <= 1, overlay + ": " + w.id() + " is selected by " + covering.size() + " PodDisruptionBudgets");
            if (replicas != null && replicas > 1) {
                replicated.add(w.id());
                assertEquals(1, covering.size(), overlay + ": " + w.id() + " runs " + replicas + " replicas and has no PodDisruptionBudget");
                assertEquals(new IntOrString(1), covering.get(0).getSpec().getMaxUnavailable(), overlay + ": " + w.id());
                assertNull(covering.get(0).getSpec().getMinAvailable(), overlay + ": " + w.id());
            }
        }
        // The stores are the workloads meant to be scaled (docs/deploy.md, "Scaling").
        assertTrue(replicated.containsAll(List.of("StatefulSet/metrics-service", "StatefulSet/logs-service")), overlay + ": " + replicated);
        for (PodDisruptionBudget b : budgets) {
            assertTrue(m.workloads().stream().anyMatch(w -> w.namespace().equals(b.getMetadata().getNamespace())
                            && LabelSelectors.matches(b.getSpec().getSelector(), w.podLabels())),
                    overlay + ": PodDisruptionBudget " + b.getMetadata().getName() + " selects no pod");
        }
    }

    private static boolean toleratesWindowsTaint(Toleration t) {
        boolean key = "os".equals(t.getKey()) || "node.kubernetes.io/os".equals(t.getKey());
        return key && "windows".equals(t.getValue()) && "NoSchedule".equals(t.getEffect());
    }

    private static boolean grants(List<PolicyRule> rules, String group, String resource, String verb) {
        return rules.stream().anyMatch(r -> Optional.ofNullable(r.getApiGroups()).orElse(List.of()).contains(group)
                && Optional.ofNullable(r.getResources()).orElse(List.of()).contains(resource)
                && r.getVerbs().contains(verb));
    }

    private static List<String> configMapRefs(io.fabric8.kubernetes.api.model.HasMetadata workload) {
        PodSpec spec = workload instanceof DaemonSet d ? d.getSpec().getTemplate().getSpec()
                : workload instanceof StatefulSet s ? s.getSpec().getTemplate().getSpec()
                : ((Deployment) workload).getSpec().getTemplate().getSpec();
        return spec.getContainers().get(0).getEnvFrom().stream().map(EnvFromSource::getConfigMapRef)
                .filter(r -> r != null).map(r -> r.getName()).toList();
    }

    private static Map<String, String> kafkaSettings(Manifests m, String namespace) {
        List<ConfigMap> kafka = m.inNamespace(ConfigMap.class, namespace).stream()
                .filter(c -> c.getMetadata().getName().startsWith("vigil-kafka")).toList();
        assertEquals(1, kafka.size(), m.overlay() + ": vigil-kafka ConfigMaps in " + namespace + ": " + kafka);
        return kafka.get(0).getData();
    }

    /** The value of an environment variable with its $(NAME) references resolved, as the kubelet does. */
    private static String expand(Container c, String name, String podNamespace) {
        Matcher ref = ENV_REFERENCE.matcher(env(c, name));
        StringBuilder out = new StringBuilder();
        while (ref.find()) {
            EnvVar e = c.getEnv().stream().filter(v -> v.getName().equals(ref.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " refers to " + ref.group(1) + ", which " + c.getName() + " does not set"));
            String value = e.getValue() != null ? e.getValue()
                    : "metadata.namespace".equals(e.getValueFrom().getFieldRef().getFieldPath()) ? podNamespace
                    : ref.group(0);
            ref.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        ref.appendTail(out);
        return out.toString();
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " does not set " + name));
    }
}
