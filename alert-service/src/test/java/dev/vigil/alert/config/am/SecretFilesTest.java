package dev.vigil.alert.config.am;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code *_file} key Alertmanager has for the receivers Vigil sends to: the secret is read
 * from the file (relative to alertmanager.yml's folder, trimmed), so the configuration itself
 * holds none and can sit in a ConfigMap while the secrets come from a mounted Secret.
 */
class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void everySecretCanComeFromAFile() throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        for (String name : new String[]{"smtp", "smtp-secret", "slack", "teams", "hook", "bearer", "basic", "creds", "email"}) {
            Files.writeString(dir.resolve("secrets/" + name), "value-of-" + name + "\n");
        }
        Files.writeString(dir.resolve("secrets/hook"), "https://hooks.example/abc\n");
        Files.writeString(dir.resolve("secrets/slack"), "https://hooks.slack.example/T0/B0/x\n");
        Files.writeString(dir.resolve("secrets/teams"), "https://teams.example/webhook\n");
        Path yml = Files.writeString(dir.resolve("alertmanager.yml"), """
                global:
                  smtp_smarthost: mail:25
                  smtp_from: am@example.org
                  smtp_auth_password_file: secrets/smtp
                  smtp_auth_secret_file: secrets/smtp-secret
                  slack_api_url_file: secrets/slack
                route:
                  receiver: all
                receivers:
                  - name: all
                    email_configs:
                      - to: ops@example.org
                      - to: dev@example.org
                        auth_password_file: secrets/email
                    slack_configs:
                      - channel: '#ops'
                    msteams_configs:
                      - webhook_url_file: secrets/teams
                    webhook_configs:
                      - url_file: secrets/hook
                        http_config:
                          bearer_token_file: secrets/bearer
                      - url: https://other.example/
                        http_config:
                          basic_auth:
                            username: u
                            password_file: secrets/basic
                      - url: https://third.example/
                        http_config:
                          authorization:
                            credentials_file: secrets/creds
                """);
        AlertmanagerConfig c = AlertmanagerConfigLoader.load(yml);
        ReceiverConfig r = c.receivers().get(0);
        assertEquals("value-of-smtp", c.global().smtpAuthPassword().value());
        assertEquals("value-of-smtp", r.emailConfigs().get(0).authPassword().value(), "the global default");
        assertEquals("value-of-smtp-secret", r.emailConfigs().get(0).authSecret().value());
        assertEquals("value-of-email", r.emailConfigs().get(1).authPassword().value());
        assertEquals("https://hooks.slack.example/T0/B0/x", r.slackConfigs().get(0).apiUrl().value());
        assertEquals("https://teams.example/webhook", r.msteamsConfigs().get(0).webhookUrl().value());
        assertEquals("https://hooks.example/abc", r.webhookConfigs().get(0).url().value());
        assertEquals("value-of-bearer", r.webhookConfigs().get(0).httpConfig().authorizationCredentials().value());
        assertEquals("value-of-basic", r.webhookConfigs().get(1).httpConfig().basicAuthPassword().value());
        assertEquals("value-of-creds", r.webhookConfigs().get(2).httpConfig().authorizationCredentials().value());
    }

    @Test
    void bothFormsAreAnErrorAndAnUnreadableFileFailsWhenUsedNamingNoSecret() throws Exception {
        Path yml = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: https://s3cret.example/
                        url_file: missing
                """);
        ConfigException both = assertThrows(ConfigException.class, () -> AlertmanagerConfigLoader.load(yml));
        assertTrue(both.getMessage().contains("at most one of url & url_file must be configured"), both.getMessage());
        assertFalse(both.getMessage().contains("s3cret"), both.getMessage());
        Files.writeString(yml, Files.readString(yml).replace("      - url: https://s3cret.example/\n", "      - send_resolved: true\n"));
        // as in Alertmanager, the file is read when a notification needs it: a missing one fails that
        // notification (naming the path, not a secret), not the configuration
        AlertmanagerConfig c = AlertmanagerConfigLoader.load(yml);
        IllegalStateException unreadable = assertThrows(IllegalStateException.class,
                () -> c.receivers().get(0).webhookConfigs().get(0).url().value());
        assertTrue(unreadable.getMessage().contains("cannot read " + dir.resolve("missing")), unreadable.getMessage());
        Files.writeString(dir.resolve("missing"), "https://rotated.example/\n");
        assertEquals("https://rotated.example/", c.receivers().get(0).webhookConfigs().get(0).url().value(), "read again at each use");
    }
}
