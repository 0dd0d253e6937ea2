package dev.vigil.alert.compat;

import dev.vigil.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * amtool 0.25, unchanged, against the alert service with authentication on: with its token in
 * {@code --http.config.file} it adds and queries alerts, adds, queries and expires a silence;
 * without it, it is refused. It also accepts the same alertmanager.yml Vigil reads.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = AmtoolConfigResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = AmtoolTokenResource.class, restrictToAnnotatedClass = true)
class AmtoolCompatTest {
    @TestHTTPResource("/")
    URL base;
    @ConfigProperty(name = "vigil.alert.config-file")
    String configFile;
    @TempDir
    static Path dir;

    /** amtool's HTTP client configuration with the token, as an operator writes it. */
    private static Path httpConfig() throws IOException {
        Path file = dir.resolve("amtool-http.yml");
        if (!Files.exists(file)) {
            Files.writeString(file, "authorization:\n  type: Bearer\n  credentials: " + AmtoolTokenResource.TOKEN + "\n");
        }
        return file;
    }

    private CommandResult amtool(String... args) {
        List<String> cmd = command(args);
        try {
            cmd.add(1, "--http.config.file=" + httpConfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CommandResult.run(cmd).assertSuccess(cmd);
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Binaries.require(Binaries.AMTOOL, "prometheus-alertmanager").toString());
        cmd.add("--alertmanager.url=http://127.0.0.1:" + base.getPort());
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void withoutItsTokenAmtoolIsRefused() {
        CommandResult r = CommandResult.run(command("silence", "add", "alertname=NoToken", "--comment=c", "--author=a"));
        assertTrue(r.exitCode() != 0, "amtool without a token: " + r.output());
        assertTrue(r.output().contains("401") || r.output().toLowerCase().contains("unauthorized"), r.output());
        assertEquals("", amtool("silence", "query", "-q", "alertname=NoToken").output().trim(), "nothing was created");
    }

    @Test
    void checkConfigAcceptsTheFileVigilReads() {
        List<String> cmd = List.of(Binaries.require(Binaries.AMTOOL, "prometheus-alertmanager").toString(), "check-config", configFile);
        String out = CommandResult.run(cmd).assertSuccess(cmd).output();
        assertTrue(out.contains("SUCCESS"), out);
        assertTrue(out.contains("1 receivers"), out);
    }

    @Test
    void alertAddedByAmtoolIsListedByAlertQuery() {
        amtool("alert", "add", "alertname=AmtoolProbe", "instance=win-1", "severity=warning", "--annotation=summary=from amtool");
        String table = amtool("alert", "query").output();
        assertTrue(table.contains("AmtoolProbe"), table);
        String filtered = amtool("alert", "query", "alertname=AmtoolProbe", "-o", "extended").output();
        assertTrue(filtered.contains("instance=\"win-1\""), filtered);
        assertTrue(filtered.contains("from amtool"), filtered);
        assertFalse(amtool("alert", "query", "alertname=Other").output().contains("AmtoolProbe"));
    }

    @Test
    void silenceAddQueryExpire() {
        String id = amtool("silence", "add", "alertname=X", "--comment=c", "--author=a", "--duration=1h").output().trim();
        assertEquals(36, id.length(), "amtool prints the new silence's id: " + id);

        String listed = amtool("silence", "query").output();
        assertTrue(listed.contains(id), listed);
        assertTrue(listed.contains("alertname=\"X\""), listed);
        assertEquals(id, amtool("silence", "query", "-q", "alertname=X").output().trim());

        amtool("silence", "expire", id);
        assertFalse(amtool("silence", "query").output().contains(id), "an expired silence is not active");
        assertTrue(amtool("silence", "query", "--expired").output().contains(id), "it is listed with --expired");
    }
}
