package dev.vigil.collector.scrape;

import dev.vigil.collector.scrape.relabel.RelabelRule;
import dev.vigil.model.Labels;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One endpoint to scrape and how.
 *
 * @param url             the metrics URL
 * @param labels          target labels ({@code job}, {@code instance}, and any others) put on every sample
 * @param timeout         the whole scrape, connection to last byte, must finish within this
 * @param honorLabels     on a clash, keep the scraped label (true) or the target's, renaming the
 *                        scraped one to {@code exported_<name>} (false), as Prometheus's {@code honor_labels}
 * @param honorTimestamps use timestamps the exporter gives (true) or the scrape time (false)
 * @param sampleLimit     more samples than this, after metric relabelling, fail the scrape ({@code up} = 0); 0 means no limit
 * @param metricRelabel   the scrape config's {@code metric_relabel_configs}, applied to every scraped sample
 * @param auth            the {@code Authorization} header to send, if any
 */
public record ScrapeTarget(URI url, Labels labels, Duration timeout, boolean honorLabels, boolean honorTimestamps,
                           int sampleLimit, List<RelabelRule> metricRelabel, Optional<ScrapeAuth> auth) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ScrapeTarget(URI url, Labels labels, Duration timeout, boolean honorLabels, boolean honorTimestamps, int sampleLimit) {
        this(url, labels, timeout, honorLabels, honorTimestamps, sampleLimit, List.of(), Optional.empty());
    }

    public ScrapeTarget {
        metricRelabel = List.copyOf(metricRelabel);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("scrape timeout must be positive, got " + timeout + " for " + url);
        }
        if (sampleLimit < 0) {
            throw new IllegalArgumentException("sample_limit must be >= 0 (0 = no limit), got " + sampleLimit + " for " + url);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("scrape URL must be http(s)://host[:port]/path, got " + url);
        }
    }

    /** A target with Prometheus's defaults: {@code job} and {@code instance} (host:port) labels, 10 s timeout. */
    public static ScrapeTarget of(String job, URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        String host = url.getHost() == null ? "" : url.getHost();
        return new ScrapeTarget(url, Labels.of("job", job, "instance", host + ":" + port), DEFAULT_TIMEOUT, false, true, 0);
    }

    /**
     * A static target from configuration: {@code address} is {@code host:port} (IPv6 in brackets),
     * {@code scheme} http or https, {@code metricsPath} like {@code /metrics}.
     */
    public static ScrapeTarget fromAddress(String job, String address, String scheme, String metricsPath) {
        String path = metricsPath.startsWith("/") ? metricsPath : "/" + metricsPath;
        URI url;
        try {
            url = new URI(scheme + "://" + address + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("scrape target '" + address + "' with path '" + metricsPath
                    + "' does not make a URL: " + e.getMessage());
        }
        if (url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException("scrape target must be host:port, got '" + address + "'");
        }
        return new ScrapeTarget(url, Labels.of("job", job, "instance", address), DEFAULT_TIMEOUT, false, true, 0);
    }

    public ScrapeTarget withLabels(Labels newLabels) {
        return new ScrapeTarget(url, newLabels, timeout, honorLabels, honorTimestamps, sampleLimit, metricRelabel, auth);
    }

    public ScrapeTarget withTimeout(Duration newTimeout) {
        return new ScrapeTarget(url, labels, newTimeout, honorLabels, honorTimestamps, sampleLimit, metricRelabel, auth);
    }

    public ScrapeTarget withHonorLabels(boolean honor) {
        return new ScrapeTarget(url, labels, timeout, honor, honorTimestamps, sampleLimit, metricRelabel, auth);
    }

    public ScrapeTarget withHonorTimestamps(boolean honor) {
        return new ScrapeTarget(url, labels, timeout, honorLabels, honor, sampleLimit, metricRelabel, auth);
    }

    public ScrapeTarget withSampleLimit(int limit) {
        return new ScrapeTarget(url, labels, timeout, honorLabels, honorTimestamps, limit, metricRelabel, auth);
    }
}
