package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.Secret;
import dev.vigil.alert.config.am.TlsConfig;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import dev.vigil.model.tls.TrustAnyServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The TLS side of a receiver's {@code tls_config} for the JDK HTTP client: the CA trusted instead of
 * the JVM's store, the client certificate and key presented (PEM; keys in PKCS#8, {@code BEGIN
 * PRIVATE KEY}), {@code insecure_skip_verify} (any certificate is accepted, for any host name,
 * as Go's InsecureSkipVerify), and the protocol versions from {@code min_version}
 * (default TLS 1.2, as prometheus/common) to {@code max_version}.
 */
final class NotifierTls {
    private static final Map<String, String> PROTOCOLS = Map.of("TLS10", "TLSv1", "TLS11", "TLSv1.1", "TLS12", "TLSv1.2", "TLS13", "TLSv1.3");
    private static final List<String> ORDER = List.of("TLS10", "TLS11", "TLS12", "TLS13");

    private NotifierTls() {
    }

    /** What the configuration and its files hold now: a client is built anew when it changes. */
    static String material(TlsConfig tls) throws NotifyException {
        try {
            return tls.insecureSkipVerify() + "|" + tls.minVersion().orElse("") + "|" + tls.maxVersion().orElse("") + "|"
                    + tls.ca().map(Secret::value).orElse("") + "|" + tls.cert().map(Secret::value).orElse("") + "|"
                    + tls.key().map(Secret::value).orElse("");
        } catch (IllegalStateException e) {
            throw new NotifyException("tls_config: " + e.getMessage(), false); // a ca/cert/key file that cannot be read
        }
    }

    /** The context for {@code tls}; a CA or key that cannot be read fails the notification for good. */
    static SSLContext context(TlsConfig tls) throws NotifyException {
        try {
            TrustManager[] trust = null;
            if (tls.insecureSkipVerify()) {
                trust = new TrustManager[] {TrustAnyServer.INSTANCE};
            } else if (tls.ca().isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate c : certificates(tls.ca().get())) {
                    store.setCertificateEntry("ca-" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (tls.cert().isPresent() && tls.key().isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                List<Certificate> chain = certificates(tls.cert().get());
                store.setKeyEntry("client", privateKey(tls.key().get()), new char[0], chain.toArray(new Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, new char[0]);
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException | IllegalStateException e) {
            throw new NotifyException("tls_config: " + e.getMessage(), false);
        }
    }

    /** The protocols between the configured versions. */
    static SSLParameters parameters(TlsConfig tls) {
        int from = ORDER.indexOf(tls.minVersion().orElse("TLS12"));
        int to = ORDER.indexOf(tls.maxVersion().orElse("TLS13"));
        List<String> protocols = new ArrayList<>();
        for (int i = Math.max(from, 0); i <= to; i++) {
            protocols.add(PROTOCOLS.get(ORDER.get(i)));
        }
        SSLParameters p = new SSLParameters();
        p.setProtocols(protocols.toArray(new String[0]));
        return p;
    }

    private static List<Certificate> certificates(Secret pem) throws GeneralSecurityException {
        List<Certificate> out = new ArrayList<>(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.value().getBytes(StandardCharsets.US_ASCII))));
        if (out.isEmpty()) {
            throw new GeneralSecurityException("no PEM certificate found");
        }
        return out;
    }

    private static PrivateKey privateKey(Secret pem) throws GeneralSecurityException {
        String text = pem.value();
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException("the key must be PEM in PKCS#8 (BEGIN PRIVATE KEY); convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        String b64 = text.substring(begin + 27, end).replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
        GeneralSecurityException last = null;
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
