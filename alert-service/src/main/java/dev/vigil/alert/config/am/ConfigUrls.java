package dev.vigil.alert.config.am;

import java.net.URI;
import java.net.URISyntaxException;

/** Alertmanager's URL values: http or https with a host, in its words when not. */
final class ConfigUrls {
    private ConfigUrls() {
    }

    /** Checks {@code s} as Alertmanager's {@code ParseURL}; returns it unchanged. */
    static String check(YamlNode where, String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw where.error("parse \"" + s + "\": " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw where.error("unsupported scheme \"" + scheme + "\" for URL");
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw where.error("missing host for URL");
        }
        return s;
    }

    /** A URL key that may be absent; {@code <secret>} (a reloaded masked configuration) is accepted as Alertmanager does. */
    static java.util.Optional<String> optional(YamlNode n, String key) {
        return n.get(key).string().map(s -> s.equals(SecretMasking.MASK) ? s : check(n.get(key), s));
    }

    /** With a trailing slash on the path, as Alertmanager adds to the OpsGenie, WeChat and VictorOps API URLs. */
    static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
