package dev.vigil.collector.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.model.NodeOs;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Talks HTTPS to a stand-in kubelet whose certificate is made with the JDK's keytool for 127.0.0.1. */
class KubeletSummaryClientTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;
    private HttpsServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>("");
    private volatile int status = 200;

    @BeforeEach
    void startKubelet() throws Exception {
        Path keystore = dir.resolve("kubelet.p12");
        keytool("-genkeypair", "-alias", "kubelet", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=kubelet",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", "kubelet", "-keystore", keystore.toString(), "-storepass", new String(PASSWORD),
                "-file", dir.resolve("ca.crt").toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/stats/summary", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"node\":{},\"pods\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.test-token\n");
    }

    @AfterEach
    void stopKubelet() {
        server.stop(0);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    private KubeletClientConfig config() {
        return KubeletClientConfig.forNode("127.0.0.1", NodeOs.LINUX)
                .withEndpoint(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/stats/summary"))
                .withTokenPath(dir.resolve("token").toString())
                .withCaPath(dir.resolve("ca.crt").toString());
    }

    @Test
    void fetchesOverTlsTrustingTheClusterCaWithBearerToken() throws Exception {
        String body = KubeletSummaryClient.create(config()).fetch();
        assertEquals("{\"node\":{},\"pods\":[]}", body);
        assertEquals("Bearer eyJhbGciOiJSUzI1NiJ9.test-token", authorization.get());
    }

    @Test
    void rejectsKubeletNotSignedByTheCa() throws Exception {
        Files.delete(dir.resolve("ca.crt"));
        KubeletStatsException e = assertThrows(KubeletStatsException.class, () -> KubeletSummaryClient.create(config()).fetch());
        assertTrue(e.getMessage().startsWith("cannot reach kubelet at https://127.0.0.1:"), e.getMessage());
    }

    @Test
    void insecureSkipVerifyAcceptsAKubeletNoCaSigned() throws Exception {
        // a certificate (trusted) that names another host than the one dialled: refused unless insecure
        KubeletClientConfig byName = config().withEndpoint(URI.create("https://localhost:" + server.getAddress().getPort()
                + "/stats/summary"));
        assertThrows(KubeletStatsException.class, () -> KubeletSummaryClient.create(byName).fetch());
        String body = KubeletSummaryClient.create(byName.withInsecureSkipVerify(true)).fetch();
        assertEquals("{\"node\":{},\"pods\":[]}", body);
        // kubeadm's kubelet: a self-signed serving certificate the cluster CA has never seen
        Files.delete(dir.resolve("ca.crt"));
        assertEquals(body, KubeletSummaryClient.create(config().withInsecureSkipVerify(true)).fetch());
    }

    @Test
    void explainsForbiddenAndMissingToken() throws Exception {
        status = 403;
        KubeletStatsException forbidden = assertThrows(KubeletStatsException.class, () -> KubeletSummaryClient.create(config()).fetch());
        assertTrue(forbidden.getMessage().contains("grant the collector's service account 'get' on 'nodes/stats'"), forbidden.getMessage());
        Files.delete(dir.resolve("token"));
        KubeletStatsException noToken = assertThrows(KubeletStatsException.class, () -> KubeletSummaryClient.create(config()).fetch());
        assertTrue(noToken.getMessage().startsWith("no service-account token at " + dir.resolve("token")), noToken.getMessage());
    }
}
