package dev.vigil.alert.notify;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.config.am.HttpClientConfig;
import dev.vigil.alert.config.am.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks to an HTTPS server whose certificate no public CA signed, as a receiver's
 * {@code http_config.tls_config} asks: trusted through {@code ca_file}, refused without it, taken
 * with {@code insecure_skip_verify}, and a client certificate presented to a server that requires
 * one. Certificates come from the JDK's keytool; keys are written as PKCS#8 PEM.
 */
class TlsDeliveryTest {
    @TempDir
    Path dir;
    HttpsServer server;
    final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    String url;

    private void keytool(String alias, Path store) throws Exception {
        keytool(alias, store, "ip:127.0.0.1,dns:localhost");
    }

    private void keytool(String alias, Path store, String san) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + alias, "-ext", "SAN=" + san,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    private static KeyStore load(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The server's certificate names another host: as a certificate copied from elsewhere or a wrong DNS entry. */
    boolean serverNamedElsewhere;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo test) throws Exception {
        serverNamedElsewhere = test.getDisplayName().contains("AnyHost");
        Path serverStore = dir.resolve("server.p12");
        Path clientStore = dir.resolve("client.p12");
        keytool("vigil-test-server", serverStore, serverNamedElsewhere ? "dns:elsewhere.example" : "ip:127.0.0.1,dns:localhost");
        keytool("vigil-test-client", clientStore);
        KeyStore server = load(serverStore);
        KeyStore client = load(clientStore);
        Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", server.getCertificate("vigil-test-server").getEncoded()));
        Files.writeString(dir.resolve("client.pem"), pem("CERTIFICATE", client.getCertificate("vigil-test-client").getEncoded()));
        Files.writeString(dir.resolve("client.key"), pem("PRIVATE KEY", client.getKey("vigil-test-client", "changeit".toCharArray()).getEncoded()));

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(server, "changeit".toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        Certificate clientCert = client.getCertificate("vigil-test-client");
        trusted.setCertificateEntry("client", clientCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = ctx.getDefaultSSLParameters();
                p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        this.server.createContext("/", ex -> {
            SSLSession s = ((com.sun.net.httpserver.HttpsExchange) ex).getSSLSession();
            String subject;
            try {
                subject = s.getPeerPrincipal().getName();
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                subject = "none";
            }
            clientSubjects.add(subject);
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        this.server.start();
        url = "https://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpClientConfig http(String tlsConfig) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route: {receiver: hook}
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: %s
                        http_config:
                          tls_config: %s
                """.formatted(url, tlsConfig));
        return AlertmanagerConfigLoader.load(config).receivers().get(0).webhookConfigs().get(0).httpConfig();
    }

    private void send(HttpClientConfig http) throws NotifyException {
        // one attempt: the first wait (an hour) would end after the deadline
        new HttpJsonNotifier(java.net.http.HttpClient.newHttpClient(), java.time.Clock.systemUTC(), d -> { }, Duration.ofHours(1),
                Duration.ofHours(1)).send(new HttpNotification("hook", "hook/webhook[0]", "{}", "webhook", Secret.of(url), http, "{}"),
                Duration.ofSeconds(20));
    }

    @Test
    void aPrivateCaIsTrustedThroughCaFileRelativeToTheConfiguration() throws Exception {
        send(http("{ca_file: ca.pem}"));
        assertEquals(List.of("none"), clientSubjects);
    }

    @Test
    void withoutTheCaTheCertificateIsRefused() {
        NotifyException e = assertThrows(NotifyException.class, () -> send(HttpClientConfig.NONE));
        assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
        assertTrue(clientSubjects.isEmpty());
    }

    @Test
    void insecureSkipVerifyTakesAnyChain() throws Exception {
        send(http("{insecure_skip_verify: true}"));
        assertEquals(1, clientSubjects.size());
    }

    @Test
    void insecureSkipVerifyTakesAnyHost() throws Exception {
        NotifyException e = assertThrows(NotifyException.class, () -> send(http("{ca_file: ca.pem}")), "the CA signed it, for another name");
        assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
        send(http("{insecure_skip_verify: true}"));
        assertEquals(1, clientSubjects.size(), "as Go's InsecureSkipVerify: neither the chain nor the name is checked");
    }

    @Test
    void aClientCertificateIsPresented() throws Exception {
        send(http("{ca_file: ca.pem, cert_file: client.pem, key_file: client.key}"));
        assertEquals(List.of("CN=vigil-test-client"), clientSubjects);
    }

    @Test
    void aKeyThatIsNotPkcs8FailsForGoodWithTheReason() throws Exception {
        Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        NotifyException e = assertThrows(NotifyException.class,
                () -> send(http("{ca_file: ca.pem, cert_file: client.pem, key_file: rsa.key}")));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("PKCS#8"), e.getMessage());
    }
}
