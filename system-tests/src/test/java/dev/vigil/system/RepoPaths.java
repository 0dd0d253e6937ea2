package dev.vigil.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, for tests that read manifests or start packaged services. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        String p = System.getProperty("vigil.repo.root");
        Path root = p == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(p);
        if (!Files.exists(root.resolve("run-local.sh"))) {
            throw new IllegalStateException("cannot find the repository root from " + root);
        }
        return root;
    }
}
