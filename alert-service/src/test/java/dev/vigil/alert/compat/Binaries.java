package dev.vigil.alert.compat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference binaries the compatibility tests run; missing ones fail the test with an install hint. */
final class Binaries {
    static final Path AMTOOL = Path.of("/usr/bin/amtool");
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

    private Binaries() {
    }

    /** @throws AssertionError naming the Debian package to install when {@code binary} is absent */
    static Path require(Path binary, String debianPackage) {
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(binary + " is missing; the compat profile needs it: apt-get install -y " + debianPackage);
        }
        return binary;
    }
}
