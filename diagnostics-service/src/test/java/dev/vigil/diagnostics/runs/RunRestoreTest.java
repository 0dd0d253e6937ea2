package dev.vigil.diagnostics.runs;

import dev.vigil.diagnostics.checks.BuiltInChecks;
import dev.vigil.kafka.client.KafkaClientConfig;
import dev.vigil.diagnostics.MockClusterResource;
import dev.vigil.diagnostics.config.DiagnosticsConfig;
import dev.vigil.kafka.KafkaTestResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second service instance started against the same runs topic plays the restarted service:
 * it keeps the finished run as it was and resumes the one that was running until it completes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(MockClusterResource.class)
class RunRestoreTest {
    @Inject
    KubernetesClient client;
    @Inject
    DiagnosticsConfig config;

    @Test
    void restartKeepsFinishedRunsAndResumesRunningOnes() throws Exception {
        Instant t = Instant.parse("2026-11-25T20:00:00Z");
        RunSpec spec = new RunSpec(true, true, false, List.of(), List.of(), List.of());
        RunState finished = RunState.created("f00d000001", spec, t).withStatus(RunStatus.RUNNING, t).withStatus(RunStatus.COMPLETE, t.plusSeconds(5));
        RunState running = RunState.created("f00d000002", spec, t).withStatus(RunStatus.RUNNING, t);
        try (KafkaRunStore store = new KafkaRunStore(KafkaClientConfig.of(RunsEndToEndTest.bootstrap()))) {
            store.save(finished);
            store.save(running);
        }
        RunService restarted = new RunService(client, config, KafkaClientConfig.of(RunsEndToEndTest.bootstrap()).common());
        restarted.onStart(null);
        try {
            assertEquals(finished, restarted.get("f00d000001").orElseThrow());
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.get("f00d000002").orElseThrow().status() == RunStatus.COMPLETE);
            RunState resumed = restarted.get("f00d000002").orElseThrow();
            assertTrue(resumed.log().stream().anyMatch(l -> l.endsWith("resumed after a restart")), resumed.log().toString());
            assertEquals(List.of("global"), List.copyOf(resumed.plugins().get("vigil-checks").nodes().keySet()));
            assertEquals(BuiltInChecks.all(Map.of(), Instant.now(), Duration.ZERO).size(),
                    resumed.results().size(), "one result per built-in check");
        } finally {
            restarted.onStop(null);
        }
    }
}
