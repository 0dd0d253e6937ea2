package dev.vigil.collector.scrape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code Authorization} header a scrape sends, from a scrape config's {@code authorization},
 * {@code basic_auth} or {@code bearer_token(_file)}. Files are read at every scrape, as Prometheus
 * reads them, so a rotated service-account token is picked up; their contents are trimmed.
 *
 * @param scheme         {@code Bearer} (or the configured type), or {@code Basic} for basic auth
 * @param credentials    the inline secret (the password for basic auth), or empty
 * @param credentialsFile the file holding it, or null
 * @param username       for basic auth only
 */
public record ScrapeAuth(String scheme, String credentials, Path credentialsFile, String username) {
    /** The header value. */
    public Optional<String> header() throws IOException {
        String secret = credentialsFile == null ? credentials : Files.readString(credentialsFile, StandardCharsets.UTF_8).strip();
        if (scheme.equals("Basic")) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c > 0xff) {
                // said without the value: the HTTP client's own message would quote the secret into the logs
                throw new IOException("the authorization credentials hold a character an HTTP header cannot carry (at "
                        + (i + 1) + " of " + secret.length() + ")");
            }
        }
        return Optional.of(scheme + " " + secret);
    }

    /** Never the secret: targets are logged. */
    @Override
    public String toString() {
        return "ScrapeAuth[" + scheme + (credentialsFile == null ? "" : " from " + credentialsFile) + "]";
    }
}
