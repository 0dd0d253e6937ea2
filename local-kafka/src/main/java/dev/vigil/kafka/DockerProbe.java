package dev.vigil.kafka;

/**
 * Whether tests can use Testcontainers: the library must be on the test class path and a Docker
 * engine must answer. Either missing means the in-JVM broker.
 */
final class DockerProbe {
    private DockerProbe() {
    }

    static boolean available() {
        if (Boolean.getBoolean("vigil.test.no-docker")) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
