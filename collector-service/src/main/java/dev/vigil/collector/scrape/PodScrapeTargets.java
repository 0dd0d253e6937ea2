package dev.vigil.collector.scrape;

import dev.vigil.model.Labels;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns pods into scrape targets by the conventional annotations: {@code prometheus.io/scrape:
 * "true"} opts a pod in; {@code prometheus.io/port} (default: the first declared TCP container
 * port), {@code prometheus.io/path} (default {@code /metrics}) and {@code prometheus.io/scheme}
 * ({@code http} or {@code https}) say where. Only running pods with an IP are scraped. Targets are
 * labelled job, instance (ip:port), namespace, pod and node.
 *
 * @param job         the {@code job} label of pod targets
 * @param timeout     the scrape timeout of pod targets
 * @param sampleLimit the sample limit of pod targets (0 = none)
 */
public record PodScrapeTargets(String job, Duration timeout, int sampleLimit) {
    public static final String SCRAPE = "prometheus.io/scrape";
    public static final String PORT = "prometheus.io/port";
    public static final String PATH = "prometheus.io/path";
    public static final String SCHEME = "prometheus.io/scheme";
    private static final Logger LOG = Logger.getLogger(PodScrapeTargets.class);

    /** Defaults as in Prometheus's example {@code kubernetes-pods} job. */
    public static PodScrapeTargets defaults() {
        return new PodScrapeTargets("kubernetes-pods", ScrapeTarget.DEFAULT_TIMEOUT, 0);
    }

    /** The target for this pod, or empty if it is not opted in, not running, or its annotations are invalid (logged). */
    public Optional<ScrapeTarget> target(PodMetadata pod) {
        if (!"true".equalsIgnoreCase(pod.annotations().getOrDefault(SCRAPE, "").trim())) {
            return Optional.empty();
        }
        if (!"Running".equals(pod.phase()) || pod.podIp().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(build(pod));
        } catch (IllegalArgumentException e) {
            LOG.warn("not scraping pod " + pod.namespace() + "/" + pod.name() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private ScrapeTarget build(PodMetadata pod) {
        int port = port(pod);
        String scheme = pod.annotations().getOrDefault(SCHEME, "http").trim().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(SCHEME + " must be http or https, got '" + scheme + "'");
        }
        String path = pod.annotations().getOrDefault(PATH, "/metrics").trim();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String host = pod.podIp().contains(":") ? "[" + pod.podIp() + "]" : pod.podIp();
        URI url;
        try {
            url = new URI(scheme + "://" + host + ":" + port + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PATH + " '" + path + "' does not make a valid URL: " + e.getMessage());
        }
        Labels labels = Labels.of("job", job, "instance", host + ":" + port, "namespace", pod.namespace(), "pod", pod.name(),
                "node", pod.nodeName());
        return new ScrapeTarget(url, labels, timeout, false, true, sampleLimit);
    }

    private static int port(PodMetadata pod) {
        String annotated = pod.annotations().getOrDefault(PORT, "").trim();
        if (annotated.isEmpty()) {
            if (pod.containerPorts().isEmpty()) {
                throw new IllegalArgumentException("no " + PORT + " annotation and no declared container port");
            }
            return pod.containerPorts().get(0);
        }
        try {
            int port = Integer.parseInt(annotated);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a port number 1-65535, got '" + annotated + "'");
        }
    }
}
