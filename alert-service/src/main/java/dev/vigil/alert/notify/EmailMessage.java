package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.EmailConfig;
import java.util.Map;

/**
 * A rendered email for an SMTP sender: the connection settings ({@code config}, whose secrets are
 * redacted in {@code toString}), the expanded headers (To, From, Subject and configured ones),
 * and the HTML and text bodies (either may be empty).
 */
public record EmailMessage(
        String receiver,
        String integration,
        String groupKey,
        EmailConfig config,
        Map<String, String> headers,
        String html,
        String text) implements Notification {

    public EmailMessage {
        headers = Map.copyOf(headers);
    }

    @Override
    public String kind() {
        return "email";
    }

    public String subject() {
        return headers.getOrDefault("Subject", "");
    }
}
