package dev.vigil.alert.config.am;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads an {@code http_config} block with Prometheus' HTTPClientConfig.Validate rules and messages. */
final class HttpConfigParser {
    private static final Set<String> HTTP = Set.of("basic_auth", "authorization", "oauth2", "bearer_token", "bearer_token_file",
            "tls_config", "follow_redirects", "enable_http2", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header",
            "http_headers");
    private static final Set<String> BASIC = Set.of("username", "username_file", "username_ref", "password", "password_file", "password_ref");
    private static final Set<String> AUTHORIZATION = Set.of("type", "credentials", "credentials_file", "credentials_ref");
    private static final Set<String> OAUTH2 = Set.of("client_id", "client_secret", "client_secret_file", "client_secret_ref", "scopes",
            "token_url", "endpoint_params", "tls_config", "proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header");
    static final Set<String> TLS = Set.of("ca", "cert", "key", "ca_file", "cert_file", "key_file", "ca_ref", "cert_ref", "key_ref",
            "server_name", "insecure_skip_verify", "min_version", "max_version");
    private static final Set<String> TLS_VERSIONS = Set.of("TLS10", "TLS11", "TLS12", "TLS13");

    private HttpConfigParser() {
    }

    static HttpClientConfig parse(YamlNode h, SecretFiles files) {
        if (h.isMissing()) {
            return HttpClientConfig.NONE;
        }
        h.allowOnly(HTTP);
        YamlNode basic = h.get("basic_auth").allowOnly(BASIC);
        YamlNode auth = h.get("authorization").allowOnly(AUTHORIZATION);
        YamlNode oauth2 = h.get("oauth2").allowOnly(OAUTH2);
        boolean bearerInline = h.has("bearer_token");
        boolean bearerFile = h.has("bearer_token_file");
        if (bearerInline && bearerFile) {
            throw h.error("at most one of bearer_token & bearer_token_file must be configured");
        }
        boolean bearer = bearerInline || bearerFile;
        if ((!basic.isMissing() || !oauth2.isMissing()) && bearer) {
            throw h.error("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (count(basic, "username", "username_file", "username_ref") > 1) {
            throw h.error("at most one of basic_auth username, username_file & username_ref must be configured");
        }
        if (count(basic, "password", "password_file", "password_ref") > 1) {
            throw h.error("at most one of basic_auth password, password_file & password_ref must be configured");
        }
        String type = "Bearer";
        Secret credentials = Secret.of("");
        if (!auth.isMissing()) {
            if (bearer) {
                throw h.error("authorization is not compatible with bearer_token & bearer_token_file");
            }
            if (count(auth, "credentials", "credentials_file", "credentials_ref") > 1) {
                throw h.error("at most one of authorization credentials & credentials_file must be configured");
            }
            type = auth.get("type").string("").strip();
            type = type.isEmpty() ? "Bearer" : type;
            if (type.equalsIgnoreCase("basic")) {
                throw h.error("authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            }
            if (!basic.isMissing() || !oauth2.isMissing()) {
                throw h.error("at most one of basic_auth, oauth2 & authorization must be configured");
            }
            credentials = files.read(auth, "credentials").orElse(Secret.of(""));
        } else if (bearer) {
            credentials = files.read(h, "bearer_token").orElse(Secret.of(""));
        }
        if (!oauth2.isMissing()) {
            if (!basic.isMissing()) {
                throw h.error("at most one of basic_auth, oauth2 & authorization must be configured");
            }
            if (oauth2.get("client_id").string("").isEmpty()) {
                throw oauth2.error("oauth2 client_id must be configured");
            }
            if (oauth2.get("token_url").string("").isEmpty()) {
                throw oauth2.error("oauth2 token_url must be configured");
            }
            if (count(oauth2, "client_secret", "client_secret_file", "client_secret_ref") > 1) {
                throw oauth2.error("at most one of oauth2 client_secret, client_secret_file & client_secret_ref must be configured");
            }
            proxy(oauth2);
            tls(oauth2.get("tls_config"));
        }
        proxy(h);
        tls(h.get("tls_config"));
        Optional<String> username = basic.isMissing() ? Optional.empty()
                : Optional.of(files.read(basic, "username").map(Secret::value).orElse(""));
        Map<String, Object> other = new LinkedHashMap<>();
        for (String k : new String[]{"tls_config", "oauth2", "no_proxy", "proxy_from_environment", "proxy_connect_header", "http_headers",
                "enable_http2"}) {
            if (h.has(k)) {
                other.put(k, h.get(k).raw());
            }
        }
        return new HttpClientConfig(username, files.read(basic, "password").orElse(Secret.of("")), type, credentials,
                h.get("proxy_url").string(), h.get("follow_redirects").bool().orElse(true), tlsConfig(h.get("tls_config"), files), other);
    }

    /** The validated {@code tls_config} as requests use it; inline PEM or files relative to the configuration's folder. */
    private static TlsConfig tlsConfig(YamlNode t, SecretFiles files) {
        if (t.isMissing()) {
            return TlsConfig.NONE;
        }
        return new TlsConfig(files.read(t, "ca"), files.read(t, "cert"), files.read(t, "key"),
                t.get("insecure_skip_verify").bool().orElse(false), t.get("min_version").string(), t.get("max_version").string());
    }

    private static int count(YamlNode n, String... keys) {
        int c = 0;
        for (String k : keys) {
            c += n.has(k) ? 1 : 0;
        }
        return c;
    }

    private static void proxy(YamlNode n) {
        boolean url = n.has("proxy_url");
        boolean env = n.get("proxy_from_environment").bool().orElse(false);
        if (n.has("proxy_connect_header") && !url && !env) {
            throw n.error("if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        if (env && url) {
            throw n.error("if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (env && n.has("no_proxy")) {
            throw n.error("if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (n.has("no_proxy") && !url) {
            throw n.error("if no_proxy is configured, proxy_url must also be configured");
        }
    }

    /** A {@code tls_config} block, as TLSConfig.Validate checks it. */
    static void tls(YamlNode t) {
        if (t.isMissing()) {
            return;
        }
        t.allowOnly(TLS);
        if (count(t, "ca", "ca_file", "ca_ref") > 1) {
            throw t.error("at most one of ca, ca_file & ca_ref must be configured");
        }
        if (count(t, "cert", "cert_file", "cert_ref") > 1) {
            throw t.error("at most one of cert, cert_file & cert_ref must be configured");
        }
        if (count(t, "key", "key_file", "key_ref") > 1) {
            throw t.error("at most one of key and key_file must be configured");
        }
        boolean cert = count(t, "cert", "cert_file", "cert_ref") > 0;
        boolean key = count(t, "key", "key_file", "key_ref") > 0;
        if (cert && !key) {
            throw t.error("exactly one of key or key_file must be configured when a client certificate is configured");
        }
        if (key && !cert) {
            throw t.error("exactly one of cert or cert_file must be configured when a client key is configured");
        }
        for (String v : new String[]{"min_version", "max_version"}) {
            t.get(v).string().filter(s -> !TLS_VERSIONS.contains(s)).ifPresent(s -> {
                throw t.get(v).error("unknown TLS version: " + s);
            });
        }
        // the names sort as the versions do: TLS10 < TLS11 < TLS12 < TLS13
        String min = t.get("min_version").string().orElse("TLS12");
        String max = t.get("max_version").string().orElse("TLS13");
        if (t.has("max_version") && max.compareTo(min) < 0) {
            throw t.error("tls_config.max_version must be greater than or equal to tls_config.min_version if both are specified");
        }
    }
}
