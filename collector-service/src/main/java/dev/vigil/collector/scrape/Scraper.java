package dev.vigil.collector.scrape;

import dev.vigil.collector.scrape.relabel.Relabeling;
import dev.vigil.model.Labels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;

/**
 * Scrapes Prometheus endpoints as Prometheus does: the same Accept header (OpenMetrics preferred,
 * text format accepted), gzip, the timeout announced in {@code X-Prometheus-Scrape-Timeout-Seconds}
 * and enforced on the whole exchange, {@code honor_labels}, {@code sample_limit}, and the
 * synthetic {@code up}, {@code scrape_duration_seconds} and {@code scrape_samples_scraped} series.
 * A scrape never throws: every failure is an {@code up} of 0 with the reason in the result.
 */
public final class Scraper {
    /** Prometheus 2's scrape Accept header. */
    public static final String ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final Logger LOG = Logger.getLogger(Scraper.class);

    /** Largest scrape body, compressed or decompressed (Prometheus' {@code body_size_limit}), unless set. */
    public static final long DEFAULT_MAX_BODY_BYTES = 100L << 20;

    private final HttpClient client;
    private final Clock clock;
    private final long maxBodyBytes;

    public Scraper(HttpClient client, Clock clock) {
        this(client, clock, DEFAULT_MAX_BODY_BYTES);
    }

    /** {@code maxBodyBytes}: a larger body, before or after gzip, fails the scrape instead of filling the heap. */
    public Scraper(HttpClient client, Clock clock, long maxBodyBytes) {
        this.client = client;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Scrapes one target; samples without their own timestamp get the scrape's start time. */
    public ScrapeResult scrape(ScrapeTarget target) {
        Instant start = clock.instant();
        long startMs = start.toEpochMilli();
        List<MetricSample> out = new ArrayList<>();
        Optional<String> error = Optional.empty();
        int scraped = 0;
        int kept = 0;
        Map<String, MetricMetadata> metadata = Map.of();
        try {
            Exposition exposition = fetch(target);
            metadata = exposition.metadata();
            scraped = exposition.samples().size();
            for (ParsedSample s : exposition.samples()) {
                Labels labels = TargetLabels.apply(s.labels(), target.labels(), target.honorLabels());
                if (!target.metricRelabel().isEmpty()) {
                    labels = Relabeling.process(labels, target.metricRelabel());
                    if (labels == null || labels.isEmpty()) {
                        continue; // dropped by metric_relabel_configs
                    }
                    if (labels.metricName().isEmpty()) {
                        throw new ScrapeException("missing metric name (__name__ label)");
                    }
                    if (!validNames(labels)) {
                        throw new ScrapeException("invalid metric name or label names: " + labels);
                    }
                }
                long ts = target.honorTimestamps() ? s.timestampMs().orElse(startMs) : startMs;
                out.add(new MetricSample(labels, ts, s.value()));
                kept++;
            }
            if (target.sampleLimit() > 0 && kept > target.sampleLimit()) {
                error = Optional.of("sample_limit exceeded: " + kept + " samples, limit " + target.sampleLimit());
            }
        } catch (ScrapeException e) {
            error = Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            // a bug here must cost this target its scrape, not the whole round its up series
            error = Optional.of("scrape failed: " + e);
        }
        if (error.isPresent()) {
            out.clear();
            metadata = Map.of();
            LOG.debug("scrape of " + target.url() + " failed: " + error.get());
        }
        double seconds = Duration.between(start, clock.instant()).toNanos() / 1e9;
        out.add(synthetic(target, "up", startMs, error.isEmpty() ? 1 : 0));
        out.add(synthetic(target, "scrape_duration_seconds", startMs, seconds));
        out.add(synthetic(target, "scrape_samples_scraped", startMs, scraped));
        out.add(synthetic(target, "scrape_samples_post_metric_relabeling", startMs, kept));
        return new ScrapeResult(out, error.isEmpty(), error, scraped, metadata);
    }

    private Exposition fetch(ScrapeTarget target) throws ScrapeException {
        Duration timeout = target.timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(timeout)
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", "Vigil-collector")
                .header("X-Prometheus-Scrape-Timeout-Seconds", String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0))
                .GET();
        if (target.auth().isPresent()) {
            try {
                target.auth().get().header().ifPresent(h -> request.header("Authorization", h));
            } catch (IOException e) {
                throw new ScrapeException("unable to read authorization credentials: " + e.getMessage());
            }
        }
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request.build(), BoundedBody.handler(maxBodyBytes));
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers only the wait for headers; the body must arrive in time too.
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ScrapeException("scrape timed out after " + timeout.toMillis() + "ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new ScrapeException("scrape interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BoundedBody.TooLargeException) {
                throw new ScrapeException(cause.getMessage());
            }
            throw new ScrapeException(cause instanceof HttpTimeoutException
                    ? "scrape timed out after " + timeout.toMillis() + "ms"
                    : "scrape failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        if (response.statusCode() != 200) {
            throw new ScrapeException("server returned HTTP status " + response.statusCode());
        }
        String body = decode(response, maxBodyBytes);
        ExpositionFormat format = ExpositionFormat.fromContentType(response.headers().firstValue("Content-Type").orElse(""));
        try {
            return ExpositionParser.parse(body, format);
        } catch (ExpositionParseException e) {
            throw new ScrapeException("invalid " + (format == ExpositionFormat.OPENMETRICS ? "OpenMetrics" : "text format")
                    + " body: " + e.getMessage());
        }
    }

    private static String decode(HttpResponse<byte[]> response, long maxBytes) throws ScrapeException {
        boolean gzip = response.headers().firstValue("Content-Encoding").map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
        if (!gzip) {
            return new String(response.body(), StandardCharsets.UTF_8);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            // a gzip bomb expands a thousandfold: read no more than the limit allows
            byte[] raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (raw.length > maxBytes) {
                throw new ScrapeException("body size limit exceeded: more than " + maxBytes + " bytes after gzip");
            }
            return new String(raw, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScrapeException("invalid gzip body: " + e.getMessage());
        }
    }

    /** Prometheus's check after metric relabelling: a relabelled name must still be a metric name, every label name a label name. */
    private static boolean validNames(Labels labels) {
        for (dev.vigil.model.Label l : labels) {
            String n = l.name().equals(Labels.METRIC_NAME) ? l.value() : l.name();
            boolean metric = l.name().equals(Labels.METRIC_NAME);
            if (n.isEmpty()) {
                return false;
            }
            for (int i = 0; i < n.length(); i++) {
                char c = n.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || metric && c == ':' || i > 0 && c >= '0' && c <= '9';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static MetricSample synthetic(ScrapeTarget target, String name, long ts, double value) {
        Labels labels = target.labels().toBuilder().set(Labels.METRIC_NAME, name).build();
        return new MetricSample(labels, ts, value);
    }

    /** A scrape that failed, with the reason a user reads. */
    private static final class ScrapeException extends Exception {
        ScrapeException(String message) {
            super(message);
        }
    }
}
