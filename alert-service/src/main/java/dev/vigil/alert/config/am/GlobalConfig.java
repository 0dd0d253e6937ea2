package dev.vigil.alert.config.am;

import java.time.Duration;
import java.util.Optional;

/** The {@code global} section: defaults that receivers inherit, and the resolve timeout. */
public record GlobalConfig(
        Duration resolveTimeout,
        Optional<String> smtpFrom,
        Optional<String> smtpSmarthost,
        String smtpHello,
        Optional<String> smtpAuthUsername,
        Secret smtpAuthPassword,
        Optional<String> smtpAuthIdentity,
        Secret smtpAuthSecret,
        boolean smtpRequireTls,
        Optional<Secret> slackApiUrl,
        HttpClientConfig httpConfig,
        IntegrationGlobals integrations) {

    /** Alertmanager's defaults: resolve after 5m, SMTP hello "localhost", TLS required. */
    public static GlobalConfig defaults() {
        return new GlobalConfig(Duration.ofMinutes(5), Optional.empty(), Optional.empty(), "localhost",
                Optional.empty(), Secret.of(""), Optional.empty(), Secret.of(""), true, Optional.empty(),
                HttpClientConfig.NONE, IntegrationGlobals.defaults());
    }
}
