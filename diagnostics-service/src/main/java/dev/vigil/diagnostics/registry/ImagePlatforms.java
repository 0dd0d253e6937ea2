package dev.vigil.diagnostics.registry;

import java.util.List;
import java.util.Optional;

/** The platforms an image has variants for; empty when they cannot be found out (no access, no network). */
@FunctionalInterface
public interface ImagePlatforms {
    Optional<List<Platform>> platforms(String image);

    /** Knows nothing: the lint then judges no image. */
    ImagePlatforms NONE = image -> Optional.empty();
}
