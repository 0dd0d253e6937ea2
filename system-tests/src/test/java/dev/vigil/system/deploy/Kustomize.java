package dev.vigil.system.deploy;

import dev.vigil.system.RepoPaths;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize}, exactly what
 * {@code kubectl apply -k} would send, and reads the result with the fabric8 model (custom
 * resources such as Strimzi's become {@code GenericKubernetesResource}).
 */
final class Kustomize {
    /** The kubectl to run: $KUBECTL if set, else the one on the PATH. */
    private static final String KUBECTL = System.getenv().getOrDefault("KUBECTL", "kubectl");

    private Kustomize() {
    }

    static Path overlaysDir() {
        return RepoPaths.root().resolve("deploy/k8s/overlays");
    }

    /** Every overlay directory, by name. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(overlaysDir())) {
            return dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + overlaysDir(), e);
        }
    }

    static Path componentsDir() {
        return RepoPaths.root().resolve("deploy/k8s/components");
    }

    static Manifests render(String overlay) {
        return parse(overlay, run(List.of(KUBECTL, "kustomize", overlaysDir().resolve(overlay).toString())));
    }

    /**
     * An overlay with one of deploy/k8s/components added, as an operator enables it: a kustomization
     * in a temporary directory that names both (by relative paths: kustomize refuses absolute ones).
     */
    static Manifests render(String overlay, String component) {
        try {
            Path dir = Files.createTempDirectory("kustomize").toRealPath();
            Path file = dir.resolve("kustomization.yaml");
            try {
                Files.writeString(file, "resources:\n  - " + dir.relativize(overlaysDir().resolve(overlay).toRealPath())
                        + "\ncomponents:\n  - " + dir.relativize(componentsDir().resolve(component).toRealPath()) + "\n");
                return parse(overlay + " with " + component, run(List.of(KUBECTL, "kustomize", dir.toString())));
            } finally {
                Files.deleteIfExists(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a kustomization for " + overlay + " and " + component, e);
        }
    }

    private static Manifests parse(String name, String yaml) {
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        @SuppressWarnings("unchecked")
        List<HasMetadata> items = parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
        return new Manifests(name, items);
    }

    private static String run(List<String> command) {
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
            }
            String stderr = Files.readString(err);
            Files.delete(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (install kubectl, or set $KUBECTL): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
