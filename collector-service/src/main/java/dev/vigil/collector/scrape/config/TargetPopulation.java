package dev.vigil.collector.scrape.config;

import dev.vigil.model.PromDuration;

import dev.vigil.collector.scrape.ScrapeTarget;
import dev.vigil.collector.scrape.relabel.Relabeling;
import dev.vigil.model.Label;
import dev.vigil.model.Labels;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.ArrayList;

/**
 * Turns a discovered label set into a scrape target as Prometheus 2.42 does ({@code PopulateLabels}):
 * the job's defaults ({@code job}, {@code __scheme__}, {@code __metrics_path__}, {@code __param_*},
 * interval and timeout) where discovery left them unset, then {@code relabel_configs}, a default
 * port for the scheme, {@code instance} from {@code __address__}, and every label starting with
 * {@code __} left off the target's labels. The URL is scheme, address, path and the parameters.
 */
public final class TargetPopulation {
    private static final String ADDRESS = "__address__";
    private static final String SCHEME = "__scheme__";
    private static final String METRICS_PATH = "__metrics_path__";
    private static final String INTERVAL = "__scrape_interval__";
    private static final String TIMEOUT = "__scrape_timeout__";
    private static final String PARAM = "__param_";

    private TargetPopulation() {
    }

    /**
     * The outcome for one discovered target: a target, or neither (dropped by relabelling), or an
     * error saying why the target cannot be scraped (Prometheus shows such targets as dropped too).
     */
    public record Outcome(Optional<ScrapeTarget> target, Optional<String> error) {
        static Outcome dropped() {
            return new Outcome(Optional.empty(), Optional.empty());
        }

        static Outcome failed(String why) {
            return new Outcome(Optional.empty(), Optional.of(why));
        }
    }

    /** The target for {@code discovered} in {@code job}. */
    public static Outcome populate(ScrapeJobConfig job, Labels discovered) {
        Labels.Builder b = discovered.toBuilder();
        setIfUnset(b, discovered, "job", job.jobName());
        setIfUnset(b, discovered, INTERVAL, PromDuration.format(job.interval()));
        setIfUnset(b, discovered, TIMEOUT, PromDuration.format(job.timeout()));
        setIfUnset(b, discovered, METRICS_PATH, job.metricsPath());
        setIfUnset(b, discovered, SCHEME, job.scheme());
        job.params().forEach((name, values) -> {
            if (!values.isEmpty()) {
                b.set(PARAM + name, values.get(0)); // the job's parameters win over discovery's, as in Prometheus
            }
        });
        Labels labels = Relabeling.process(b.build(), job.relabel());
        if (labels == null) {
            return Outcome.dropped();
        }
        String address = labels.get(ADDRESS);
        if (address.isEmpty()) {
            return Outcome.failed("no address");
        }
        String scheme = labels.get(SCHEME);
        if (!splitsHostPort(address) && splitsHostPort(address + ":1234")) {
            switch (scheme) {
                case "http", "" -> address = address + ":80";
                case "https" -> address = address + ":443";
                default -> {
                    return Outcome.failed("invalid scheme: \"" + job.scheme() + "\"");
                }
            }
        }
        if (address.contains("/")) {
            return Outcome.failed("\"" + address + "\" is not a valid hostname");
        }
        Duration interval;
        Duration timeout;
        try {
            interval = PromDuration.parse(labels.get(INTERVAL));
        } catch (IllegalArgumentException e) {
            return Outcome.failed("error parsing scrape interval: " + e.getMessage());
        }
        try {
            timeout = PromDuration.parse(labels.get(TIMEOUT));
        } catch (IllegalArgumentException e) {
            return Outcome.failed("error parsing scrape timeout: " + e.getMessage());
        }
        if (interval.isZero()) {
            return Outcome.failed("scrape interval cannot be 0");
        }
        if (timeout.isZero()) {
            return Outcome.failed("scrape timeout cannot be 0");
        }
        if (timeout.compareTo(interval) > 0) {
            return Outcome.failed("scrape timeout cannot be greater than scrape interval (\"" + labels.get(TIMEOUT) + "\" > \""
                    + labels.get(INTERVAL) + "\")");
        }
        if (!interval.equals(job.interval())) {
            // every target of a job is scraped on the job's schedule
            return Outcome.failed("per-target scrape intervals are not supported: __scrape_interval__ is \"" + labels.get(INTERVAL)
                    + "\", the job's scrape_interval is " + PromDuration.format(job.interval()));
        }
        Labels.Builder pub = Labels.builder();
        for (Label l : labels) {
            if (!l.name().startsWith("__")) {
                pub.set(l.name(), l.value());
            }
        }
        if (labels.get("instance").isEmpty()) {
            pub.set("instance", address);
        }
        URI url;
        try {
            url = url(scheme, address, labels.get(METRICS_PATH), params(job, labels));
        } catch (URISyntaxException e) {
            return Outcome.failed("cannot make a URL of " + scheme + "://" + address + ": " + e.getMessage());
        }
        try {
            return new Outcome(Optional.of(new ScrapeTarget(url, pub.build(), timeout, job.honorLabels(), job.honorTimestamps(),
                    job.sampleLimit(), job.metricRelabel(), job.auth())), Optional.empty());
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    private static void setIfUnset(Labels.Builder b, Labels discovered, String name, String value) {
        if (discovered.get(name).isEmpty()) {
            b.set(name, value);
        }
    }

    /**
     * Whether Go's {@code net.SplitHostPort} accepts the address. Prometheus adds the scheme's port
     * only when the address fails it and would pass with a port ({@code fd00::7} gets none).
     */
    static boolean splitsHostPort(String address) {
        int last = address.lastIndexOf(':');
        if (last < 0) {
            return false; // missing port
        }
        String host = address.substring(0, last);
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0 || close + 1 != last) {
                return false; // missing ']' or junk after it
            }
            host = address.substring(1, close);
            return host.indexOf('[') < 0 && host.indexOf(']') < 0 && address.indexOf('[', 1) < 0 && address.indexOf(']', close + 1) < 0;
        }
        return host.indexOf(':') < 0 && host.indexOf('[') < 0 && host.indexOf(']') < 0
                && address.indexOf('[') < 0 && address.indexOf(']') < 0; // too many colons, stray brackets
    }

    /** The job's parameters, each overridden by its {@code __param_<name>} label, sorted by name as Go encodes them. */
    private static Map<String, List<String>> params(ScrapeJobConfig job, Labels labels) {
        Map<String, List<String>> out = new TreeMap<>();
        job.params().forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        for (Label l : labels) {
            if (l.name().startsWith(PARAM)) {
                String name = l.name().substring(PARAM.length());
                List<String> values = out.computeIfAbsent(name, k -> new ArrayList<>());
                if (values.isEmpty()) {
                    values.add(l.value());
                } else {
                    values.set(0, l.value());
                }
            }
        }
        return out;
    }

    private static URI url(String scheme, String address, String path, Map<String, List<String>> params) throws URISyntaxException {
        // Go's URL writer puts the slash before a path that lacks one
        String base = new URI(scheme, address, path.startsWith("/") || path.isEmpty() ? path : "/" + path, null, null).toASCIIString();
        params.values().removeIf(List::isEmpty);
        if (params.isEmpty()) {
            return new URI(base);
        }
        StringBuilder q = new StringBuilder();
        params.forEach((k, values) -> {
            for (String v : values) {
                if (q.length() > 0) {
                    q.append('&');
                }
                q.append(queryEscape(k)).append('=').append(queryEscape(v));
            }
        });
        return new URI(base + "?" + q);
    }

    /** Go's {@code url.QueryEscape}: as Java's form encoding, except that Go escapes {@code *} and keeps {@code ~}. */
    private static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }
}
