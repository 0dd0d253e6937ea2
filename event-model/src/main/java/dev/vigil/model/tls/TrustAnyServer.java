package dev.vigil.model.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What Go's {@code InsecureSkipVerify} does, for a configuration that turns verification off:
 * any server certificate and any host name are accepted. An extended trust manager, because the
 * JDK wraps a plain one in a check of the host name, which would still refuse a mismatch.
 */
public final class TrustAnyServer extends X509ExtendedTrustManager {
    public static final TrustAnyServer INSTANCE = new TrustAnyServer();

    private TrustAnyServer() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // a client of servers only
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // verification turned off by the configuration
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // a client of servers only
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // verification turned off by the configuration
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // a client of servers only
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // verification turned off by the configuration
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
