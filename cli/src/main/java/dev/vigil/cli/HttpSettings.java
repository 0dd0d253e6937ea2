package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import dev.vigil.model.tls.TrustAnyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Credentials, headers and TLS for the query commands. promtool reads them from
 * {@code --http.config.file} (prometheus/common's HTTP client configuration: {@code basic_auth},
 * {@code authorization}, {@code bearer_token[_file]}, {@code tls_config} with {@code ca_file} and
 * {@code insecure_skip_verify}); logcli from its flags and environment; both end up here.
 */
final class HttpSettings {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("basic_auth", "authorization", "bearer_token", "bearer_token_file", "tls_config",
            "follow_redirects", "enable_http2");
    /** prometheus/common settings this client does not offer: refused by name rather than ignored. */
    private static final Set<String> UNSUPPORTED = Set.of("oauth2", "proxy_url", "no_proxy", "proxy_from_environment",
            "proxy_connect_header", "http_headers", "cert_file", "key_file", "cert", "key", "ca", "server_name", "min_version", "max_version");
    private static final Set<String> TLS = Set.of("ca_file", "insecure_skip_verify");

    final Map<String, String> headers = new LinkedHashMap<>();
    private Path caFile;
    private boolean insecureSkipVerify;
    private boolean followRedirects = true;

    /** A problem with the settings, told to the user as promtool and logcli tell theirs. */
    static final class SettingsException extends Exception {
        SettingsException(String message) {
            super(message);
        }
    }

    void bearer(String token) {
        headers.put("Authorization", "Bearer " + token);
    }

    void basic(String user, String password) {
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    void header(String name, String value) {
        headers.put(name, value);
    }

    void caFile(Path file) {
        this.caFile = file;
    }

    void insecureSkipVerify(boolean skip) {
        this.insecureSkipVerify = skip;
    }

    /** Reads prometheus/common's HTTP client configuration file. */
    void load(Path file) throws SettingsException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new SettingsException("error loading http config file: " + e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return;
        }
        only(root, TOP, "config.HTTPClientConfig");
        Path dir = file.toAbsolutePath().getParent();
        followRedirects = root.path("follow_redirects").asBoolean(true);
        JsonNode basic = root.path("basic_auth");
        JsonNode auth = root.path("authorization");
        if (!basic.isMissingNode()) {
            String password = basic.has("password_file") ? read(dir.resolve(basic.path("password_file").asText()).toString())
                    : basic.path("password").asText("");
            String user = basic.has("username_file") ? read(dir.resolve(basic.path("username_file").asText()).toString())
                    : basic.path("username").asText("");
            basic(user, password);
        } else if (!auth.isMissingNode()) {
            String type = auth.path("type").asText("Bearer");
            String credentials = auth.has("credentials_file") ? read(dir.resolve(auth.path("credentials_file").asText()).toString())
                    : auth.path("credentials").asText("");
            headers.put("Authorization", type + " " + credentials);
        } else if (root.has("bearer_token_file")) {
            bearer(read(dir.resolve(root.path("bearer_token_file").asText()).toString()));
        } else if (root.has("bearer_token")) {
            bearer(root.path("bearer_token").asText());
        }
        JsonNode tls = root.path("tls_config");
        if (!tls.isMissingNode()) {
            only(tls, TLS, "config.TLSConfig");
            if (tls.has("ca_file")) {
                caFile(dir.resolve(tls.path("ca_file").asText()));
            }
            insecureSkipVerify(tls.path("insecure_skip_verify").asBoolean(false));
        }
    }

    private static void only(JsonNode node, Set<String> allowed, String type) throws SettingsException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (UNSUPPORTED.contains(n)) {
                throw new SettingsException(n + " is not supported by vigil's HTTP client");
            }
            if (!allowed.contains(n)) {
                throw new SettingsException("field " + n + " not found in type " + type);
            }
        }
    }

    static String read(String file) throws SettingsException {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            throw new SettingsException("unable to read " + file + ": " + e.getMessage());
        }
    }

    /** The JDK client these settings ask for. */
    HttpClient client() throws SettingsException {
        // Go's clients follow redirects (prometheus/common unless follow_redirects: false); the JDK's does not by default
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (caFile != null || insecureSkipVerify) {
            if (insecureSkipVerify) {
                // the JDK client checks host names apart from the trust manager; the user asked for neither
                System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            }
            b.sslContext(sslContext());
        }
        return b.build();
    }

    private SSLContext sslContext() throws SettingsException {
        try {
            TrustManager[] trust;
            if (insecureSkipVerify) {
                trust = new TrustManager[] {TrustAnyServer.INSTANCE};
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(caFile)) {
                    int i = 0;
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, c);
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trust, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new SettingsException("unable to use CA file " + caFile + ": " + e.getMessage());
        }
    }
}
