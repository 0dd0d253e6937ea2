package dev.vigil.diagnostics.runs;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.inventory.InventoryCollector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveRedactionTest {
    @TempDir
    Path dir;

    /** A pod as an application ships it: a password in env, Secret references, and kubectl's annotation repeating them. */
    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("app").withNamespace("shop")
                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"env\":\"DB_PASSWORD=hunter2\"}")
                .endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").withImage("shop:1")
                .addNewEnv().withName("DB_PASSWORD").withValue("hunter2").endEnv()
                .addNewEnv().withName("API_KEY").withNewValueFrom().withNewSecretKeyRef("api-key", "shop-credentials", false)
                .endValueFrom().endEnv()
                .addNewEnvFrom().withNewSecretRef().withName("shop-env-secret").endSecretRef().endEnvFrom()
                .endContainer()
                .addNewVolume().withName("tls").withNewSecret().withSecretName("shop-tls").endSecret().endVolume()
                .endSpec().build();
    }

    private static ClusterSnapshot snapshot() {
        return new ClusterSnapshot("v1.30.0", List.of(), List.of(), List.of(), List.of(pod()), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    @Test
    void archivesLeaveOutEnvValuesSecretReferencesAndTheLastAppliedManifest() throws Exception {
        new RunLayout(dir).writeResources("run1", snapshot(), InventoryCollector.summarise(snapshot()));
        String pods = Files.readString(dir.resolve("runs/run1/resources/ns/shop/core_v1_pods.json"));
        for (String secret : List.of("hunter2", "shop-credentials", "api-key", "shop-env-secret", "shop-tls")) {
            assertFalse(pods.contains(secret), secret + " is in the archive:\n" + pods);
        }
        // what a diagnosis needs stays: which variables exist, the image, the container
        assertTrue(pods.contains("DB_PASSWORD") && pods.contains("API_KEY") && pods.contains("shop:1"), pods);
        assertTrue(pods.contains(ArchiveRedaction.REDACTED), pods);
    }

    @Test
    void anOperatorMayKeepThemAsSonobuoyDoes() throws Exception {
        new RunLayout(dir, false).writeResources("run2", snapshot(), InventoryCollector.summarise(snapshot()));
        String pods = Files.readString(dir.resolve("runs/run2/resources/ns/shop/core_v1_pods.json"));
        assertTrue(pods.contains("hunter2") && pods.contains("shop-tls"), pods);
    }
}
