package dev.vigil.collector.scrape;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Static scrape targets from configuration: a comma-separated list of {@code job=host:port} (for
 * {@code http://host:port/metrics}) or {@code job=http[s]://host:port/path}, for example
 * {@code windows=localhost:9182,node=localhost:9100}.
 */
public final class StaticTargets {
    private StaticTargets() {
    }

    /** Parses the list; a malformed entry is an {@link IllegalArgumentException} naming it. */
    public static List<ScrapeTarget> parse(String spec) {
        List<ScrapeTarget> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("static scrape target '" + entry
                        + "' must be job=host:port or job=http://host:port/path");
            }
            String job = entry.substring(0, eq).trim();
            String where = entry.substring(eq + 1).trim();
            out.add(where.contains("://") ? fromUrl(job, where) : ScrapeTarget.fromAddress(job, where, "http", "/metrics"));
        }
        return List.copyOf(out);
    }

    private static ScrapeTarget fromUrl(String job, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("static scrape target '" + job + "=" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getPort() < 0) {
            throw new IllegalArgumentException("static scrape target '" + job + "=" + url
                    + "' must be http(s)://host:port/path with an explicit port");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/metrics" : uri.getRawPath();
        return ScrapeTarget.fromAddress(job, uri.getRawAuthority(), uri.getScheme(), path);
    }
}
