package dev.vigil.collector.kubelet;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import dev.vigil.model.tls.TrustAnyServer;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches the kubelet's Summary API ({@code /stats/summary}) with the pod's service-account
 * token, trusting the cluster CA. The caller needs RBAC {@code get} on {@code nodes/stats}.
 */
public final class KubeletSummaryClient {
    private final KubeletClientConfig config;
    private final HttpClient http;

    /** With an HTTP client the caller built (tests, or a shared client that already trusts the CA). */
    public KubeletSummaryClient(KubeletClientConfig config, HttpClient http) {
        this.config = config;
        this.http = http;
    }

    /** With an HTTP client that trusts the CA at {@link KubeletClientConfig#caPath()} (the JDK's CAs if it is absent). */
    public static KubeletSummaryClient create(KubeletClientConfig config) throws KubeletStatsException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
        Path ca = Path.of(config.caPath());
        if (config.insecureSkipVerify()) {
            builder.sslContext(trustingAnyone());
        } else if (Files.isReadable(ca)) {
            builder.sslContext(trusting(ca));
        }
        return new KubeletSummaryClient(config, builder.build());
    }

    /**
     * An SSL context that accepts any server certificate and any host name: an extended trust
     * manager is asked to check the host name too, and this one checks nothing. The bearer token
     * still goes only to the configured endpoint.
     */
    static SSLContext trustingAnyone() throws KubeletStatsException {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {TrustAnyServer.INSTANCE}, null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new KubeletStatsException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** An SSL context that trusts exactly the PEM certificates in {@code caPem}. */
    public static SSLContext trusting(Path caPem) throws KubeletStatsException {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new KubeletStatsException("no certificate in CA file " + caPem);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new KubeletStatsException("cannot read CA certificates from " + caPem + ": " + e.getMessage(), e);
        }
    }

    /** The Summary API's JSON. */
    public String fetch() throws KubeletStatsException {
        HttpRequest request = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.timeout())
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        Duration timeout = config.timeout();
        try {
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new KubeletStatsException("kubelet at " + config.endpoint() + " did not answer within " + timeout.toMillis() + "ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new KubeletStatsException("interrupted while fetching " + config.endpoint(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KubeletStatsException("cannot reach kubelet at " + config.endpoint() + ": " + cause, cause);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new KubeletStatsException("kubelet refused the service-account token (HTTP " + status
                    + "): grant the collector's service account 'get' on 'nodes/stats'");
        }
        if (status != 200) {
            throw new KubeletStatsException("kubelet answered HTTP " + status + " for " + config.endpoint());
        }
        return response.body();
    }

    private String token() throws KubeletStatsException {
        try {
            String token = Files.readString(Path.of(config.tokenPath()), StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new KubeletStatsException("service-account token file " + config.tokenPath() + " is empty");
            }
            return token;
        } catch (NoSuchFileException e) {
            throw new KubeletStatsException("no service-account token at " + config.tokenPath()
                    + ": run the collector with a service account or configure the token path", e);
        } catch (IOException e) {
            throw new KubeletStatsException("cannot read service-account token " + config.tokenPath() + ": " + e.getMessage(), e);
        }
    }
}
