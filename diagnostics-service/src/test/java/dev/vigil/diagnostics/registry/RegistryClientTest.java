package dev.vigil.diagnostics.registry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Platforms of real images from a registry stub: manifest lists, a single manifest's config, the token flow with a pull secret. */
class RegistryClientTest {
    private RegistryStub registry;

    @BeforeEach
    void start() throws IOException {
        registry = new RegistryStub();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client(RegistryCredentials credentials) {
        return new RegistryClient(Duration.ofSeconds(5), credentials, Set.of(registry.host()));
    }

    private RegistryCredentials pullSecret() {
        String config = """
                {"auths": {"%s": {"username": "%s", "password": "%s"}}}
                """.formatted(registry.host(), RegistryStub.USER, RegistryStub.PASSWORD);
        return RegistryCredentials.fromDockerConfig(config.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aManifestListGivesEachVariantsPlatform() {
        assertEquals(Optional.of(List.of(new Platform("windows", "amd64", "10.0.17763.1040"))),
                client(RegistryCredentials.NONE).platforms(registry.host() + "/library/hello-world:nanoserver"));
    }

    @Test
    void aSingleManifestIsReadFromItsConfig() {
        String byDigest = registry.host() + "/library/hello-world@sha256:63c287625c2b0b72900e562de73c0e381472a83b1b39217aef3856cd398eca0b";
        assertEquals(Optional.of(List.of(new Platform("windows", "amd64", "10.0.17763.1040"))),
                client(RegistryCredentials.NONE).platforms(byDigest));
    }

    @Test
    void aPrivateImageNeedsThePullSecretAndTheTokenFlow() {
        String image = registry.host() + "/team/linux-tool:1.0";
        assertEquals(Optional.empty(), client(RegistryCredentials.NONE).platforms(image), "no credentials: not judged");
        Optional<List<Platform>> p = client(pullSecret()).platforms(image);
        assertEquals(List.of("linux/amd64", "linux/ppc64le", "linux/s390x"), p.orElseThrow().stream().map(Platform::toString).toList());
        // the password went only to the token service; the registry saw the token
        assertTrue(registry.authorizations.stream().anyMatch(a -> a.startsWith("/token Basic ")));
        assertTrue(registry.authorizations.stream().filter(a -> a.startsWith("/v2/")).noneMatch(a -> a.contains("Basic")));
    }

    @Test
    void unknownImagesAndUnreachableRegistriesAreNotJudged() {
        assertEquals(Optional.empty(), client(RegistryCredentials.NONE).platforms(registry.host() + "/nope/nothing:1"));
        assertEquals(Optional.empty(), new RegistryClient(Duration.ofMillis(500), RegistryCredentials.NONE, Set.of("127.0.0.1:1"))
                .platforms("127.0.0.1:1/a/b:c"));
    }

    @Test
    void referencesAreReadAsTheRuntimeReadsThem() {
        assertEquals(new ImageRef("registry-1.docker.io", "library/nginx", "latest"), ImageRef.parse("nginx"));
        assertEquals(new ImageRef("registry-1.docker.io", "library/nginx", "1.27"), ImageRef.parse("docker.io/nginx:1.27"));
        assertEquals(new ImageRef("registry.k8s.io", "pause", "3.10"), ImageRef.parse("registry.k8s.io/pause:3.10"));
        assertEquals(new ImageRef("localhost:5000", "team/app", "sha256:abc"), ImageRef.parse("localhost:5000/team/app:v1@sha256:abc"));
        assertEquals(new ImageRef("mcr.microsoft.com", "windows/nanoserver", "ltsc2022"), ImageRef.parse("mcr.microsoft.com/windows/nanoserver:ltsc2022"));
        assertThrows(IllegalArgumentException.class, () -> ImageRef.parse(""));
    }

    @Test
    void windowsVariantsNeedTheNodesBuild() {
        Platform ltsc2019 = new Platform("windows", "amd64", "10.0.17763.1040");
        assertTrue(ltsc2019.runsOn("windows", "amd64", "10.0.17763"));
        assertFalse(ltsc2019.runsOn("windows", "amd64", "10.0.20348"), "an ltsc2019 image on an ltsc2022 node");
        assertTrue(ltsc2019.runsOn("windows", "", ""), "unknown node build and arch: judged by OS only");
        assertFalse(ltsc2019.runsOn("linux", "amd64", ""));
        assertFalse(new Platform("linux", "amd64", "").runsOn("linux", "arm64", ""));
    }

    @Test
    void dockerHubKeysOfAPullSecretAnswerForDockerHub() {
        RegistryCredentials c = RegistryCredentials.fromDockerConfig("""
                {"auths": {"https://index.docker.io/v1/": {"auth": "dTpw"}}}
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of("Basic dTpw"), c.basic("registry-1.docker.io"));
        assertEquals(Optional.empty(), c.basic("ghcr.io"));
        assertThrows(IllegalArgumentException.class, () -> RegistryCredentials.fromDockerConfig("not json".getBytes(StandardCharsets.UTF_8)));
    }
}
