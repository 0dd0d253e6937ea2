package dev.vigil.alert.config.am;

import java.util.Map;

/**
 * One {@code email_configs} entry after global defaults were applied. {@code headers} always holds
 * To, From and Subject (templates, expanded per notification); {@code html} and {@code text} are
 * templates too (empty text means none).
 */
public record EmailConfig(
        boolean sendResolved,
        String to,
        String from,
        String hello,
        String smarthost,
        String authUsername,
        Secret authPassword,
        String authIdentity,
        Secret authSecret,
        boolean requireTls,
        Map<String, String> headers,
        String html,
        String text) {

    public EmailConfig {
        headers = Map.copyOf(headers);
    }
}
