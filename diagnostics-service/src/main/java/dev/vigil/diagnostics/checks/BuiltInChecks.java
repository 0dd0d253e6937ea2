package dev.vigil.diagnostics.checks;

import dev.vigil.diagnostics.inventory.ClusterSnapshot;
import dev.vigil.diagnostics.registry.ImagePlatforms;
import dev.vigil.model.json.DiagnosticsResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The cluster checks every run performs, in report order. */
public final class BuiltInChecks {
    /** The plugin name the built-in checks report under. */
    public static final String PLUGIN = "vigil-checks";

    private BuiltInChecks() {
    }

    /** The checks, with the collector check judging {@code lastSeen} at {@code now}, and no image judged by its registry. */
    public static List<Check> all(Map<String, Instant> lastSeen, Instant now, Duration collectorMaxAge) {
        return all(lastSeen, now, collectorMaxAge, ImagePlatforms.NONE);
    }

    /** As above, the image-platform lint asking {@code platforms} which platforms each image has. */
    public static List<Check> all(Map<String, Instant> lastSeen, Instant now, Duration collectorMaxAge, ImagePlatforms platforms) {
        return List.of(new NodesReadyCheck(), new WindowsTaintCheck(), new OsSelectorCheck(), new ImageOsMismatchCheck(),
                new ImagePlatformCheck(platforms), new KubeSystemPodsCheck(), new KubeletSkewCheck(),
                new CollectorCoverageCheck(lastSeen, now, collectorMaxAge));
    }

    /** Runs each check; a check that throws reports FAILED with the reason instead of stopping the others. */
    public static List<CheckResult> run(List<Check> checks, ClusterSnapshot snapshot) {
        return checks.stream().map(c -> {
            try {
                return c.run(snapshot);
            } catch (RuntimeException e) {
                return new CheckResult(c.name(), DiagnosticsResult.Status.FAILED,
                        "check could not run: " + e, List.of());
            }
        }).toList();
    }
}
