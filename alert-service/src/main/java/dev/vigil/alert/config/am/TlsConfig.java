package dev.vigil.alert.config.am;

import java.util.Optional;

/**
 * A receiver's {@code tls_config} as its requests use it: the CA to trust, the client certificate
 * and key (PEM, inline or {@code *_file}, read when a notification is sent, so a rotated file
 * applies), whether to skip verification, and the protocol versions. {@code server_name} is
 * validated but the JDK's HTTP client sends the URL's host for SNI and checks the certificate
 * against it; the {@code *_ref} forms (secrets of Prometheus's secret manager) are not read.
 */
public record TlsConfig(Optional<Secret> ca, Optional<Secret> cert, Optional<Secret> key, boolean insecureSkipVerify,
                        Optional<String> minVersion, Optional<String> maxVersion) {
    /** No tls_config: the JVM's trust store, TLS 1.2 and later (prometheus/common's default minimum). */
    public static final TlsConfig NONE = new TlsConfig(Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(),
            Optional.empty());

    public boolean isDefault() {
        return equals(NONE);
    }
}
