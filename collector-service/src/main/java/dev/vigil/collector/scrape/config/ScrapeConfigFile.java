package dev.vigil.collector.scrape.config;

import dev.vigil.model.PromDuration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.collector.scrape.ScrapeAuth;
import dev.vigil.collector.scrape.relabel.RelabelRule;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the scrape part of a Prometheus configuration file ({@code global} and
 * {@code scrape_configs}) with Prometheus's defaults and checks, so a job written for Prometheus
 * runs here unchanged. What the collector does not do is refused by name rather than ignored: a
 * field Prometheus has and the collector lacks would otherwise change what is scraped silently.
 * Sections about other things than scraping ({@code rule_files}, {@code alerting},
 * {@code remote_write}, ...) are read past and reported, so Prometheus's own example file loads.
 * Relative file names ({@code credentials_file}) are relative to the file's folder, as in Prometheus.
 */
public final class ScrapeConfigFile {
    private static final Set<String> TOP = Set.of("global", "scrape_configs", "rule_files", "alerting", "remote_write",
            "remote_read", "storage", "tracing");
    /** Sections of a Prometheus file with nothing to say about scraping: read past, and reported. */
    private static final Set<String> NOT_SCRAPING = Set.of("rule_files", "alerting", "remote_write", "remote_read", "storage",
            "tracing");
    private static final Set<String> GLOBAL = Set.of("scrape_interval", "scrape_timeout", "evaluation_interval");
    private static final Set<String> JOB = Set.of("job_name", "scrape_interval", "scrape_timeout", "metrics_path", "scheme",
            "params", "honor_labels", "honor_timestamps", "sample_limit", "static_configs", "kubernetes_sd_configs",
            "relabel_configs", "metric_relabel_configs", "authorization", "basic_auth", "bearer_token", "bearer_token_file");
    /** Fields Prometheus has that the collector does not: named in the refusal. */
    private static final Set<String> PROMETHEUS_ONLY = Set.of("scrape_config_files", "external_labels", "query_log_file", "tls_config", "proxy_url", "oauth2",
            "follow_redirects", "enable_http2", "body_size_limit", "label_limit", "label_name_length_limit",
            "label_value_length_limit", "target_limit", "scrape_classic_histograms", "no_proxy", "proxy_from_environment",
            "proxy_connect_header");
    private static final Set<String> STATIC = Set.of("targets", "labels");
    private static final Set<String> KUBERNETES = Set.of("role", "namespaces");
    private static final Set<String> RELABEL = Set.of("source_labels", "separator", "regex", "modulus", "target_label",
            "replacement", "action");
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private ScrapeConfigFile() {
    }

    /**
     * What a file configures.
     *
     * @param ignored the sections present that have nothing to do with scraping, in file order
     */
    public record Loaded(List<ScrapeJobConfig> jobs, List<String> ignored) {
    }

    /** Reads and checks the file. */
    public static Loaded load(Path file) throws ScrapeConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScrapeConfigException("cannot read scrape configuration " + file + ": " + e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir == null ? Path.of(".") : dir);
    }

    /** Reads configuration text; {@code baseDir} resolves relative file names. */
    public static Loaded parse(String yaml, Path baseDir) throws ScrapeConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JacksonException e) {
            // where, not what: the parser's own message quotes the offending line, which may hold a password
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new ScrapeConfigException("scrape configuration is not valid YAML" + (at == null ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Loaded(List.of(), List.of());
        }
        try {
            fields(root, "", TOP);
            JsonNode global = root.path("global");
            fields(global, "global", GLOBAL);
            // as Prometheus: 0 is unset; an unset timeout is 10 s, or the interval when that is shorter
            Duration interval = duration(global, "scrape_interval", "global").filter(d -> !d.isZero()).orElse(DEFAULT_INTERVAL);
            Duration timeout = duration(global, "scrape_timeout", "global").filter(d -> !d.isZero())
                    .orElse(DEFAULT_TIMEOUT.compareTo(interval) > 0 ? interval : DEFAULT_TIMEOUT);
            if (timeout.compareTo(interval) > 0) {
                throw new IllegalArgumentException("global: global scrape timeout greater than scrape interval");
            }
            List<ScrapeJobConfig> jobs = new ArrayList<>();
            Set<String> names = new HashSet<>();
            JsonNode list = list(root.path("scrape_configs"), "scrape_configs");
            for (int i = 0; i < list.size(); i++) {
                ScrapeJobConfig job = job(list.get(i), "scrape_configs[" + i + "]", interval, timeout, baseDir);
                if (!names.add(job.jobName())) {
                    throw new IllegalArgumentException("found multiple scrape configs with job name \"" + job.jobName() + "\"");
                }
                jobs.add(job);
            }
            List<String> ignored = new ArrayList<>();
            root.fieldNames().forEachRemaining(f -> {
                if (NOT_SCRAPING.contains(f)) {
                    ignored.add(f);
                }
            });
            return new Loaded(List.copyOf(jobs), List.copyOf(ignored));
        } catch (IllegalArgumentException e) {
            throw new ScrapeConfigException(e.getMessage());
        }
    }

    private static ScrapeJobConfig job(JsonNode n, String at, Duration globalInterval, Duration globalTimeout, Path baseDir) {
        fields(n, at, JOB);
        String name = text(n, "job_name", at).orElse("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(at + ": job_name is empty");
        }
        Duration interval = duration(n, "scrape_interval", at).filter(d -> !d.isZero()).orElse(globalInterval);
        // Prometheus: an unset (or 0) timeout is the global one, but never longer than the job's interval
        Duration timeout = duration(n, "scrape_timeout", at).filter(d -> !d.isZero())
                .orElse(globalTimeout.compareTo(interval) > 0 ? interval : globalTimeout);
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("scrape timeout greater than scrape interval for scrape config with job name \""
                    + name + "\"");
        }
        String scheme = text(n, "scheme", at).orElse("http");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(at + ".scheme: must be http or https, got \"" + scheme + "\"");
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        JsonNode p = n.path("params");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isObject()) {
                throw new IllegalArgumentException(at + ".params: expected a mapping of names to lists of values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), strings(e.getValue(), at + ".params." + e.getKey()));
            }
        }
        int sampleLimit = (int) number(n, "sample_limit", at, Integer.MAX_VALUE).orElse(0L).longValue();
        return new ScrapeJobConfig(name, interval, timeout, text(n, "metrics_path", at).orElse("/metrics"), scheme, params,
                bool(n, "honor_labels", at).orElse(false), bool(n, "honor_timestamps", at).orElse(true), sampleLimit,
                staticConfigs(n.path("static_configs"), at + ".static_configs", !list(n.path("relabel_configs"), at + ".relabel_configs").isEmpty()),
                pods(n.path("kubernetes_sd_configs"), at + ".kubernetes_sd_configs"),
                relabel(n.path("relabel_configs"), at + ".relabel_configs"),
                relabel(n.path("metric_relabel_configs"), at + ".metric_relabel_configs"),
                auth(n, at, baseDir));
    }

    private static List<ScrapeJobConfig.TargetGroup> staticConfigs(JsonNode groups, String at, boolean relabelled) {
        JsonNode list = list(groups, at);
        List<ScrapeJobConfig.TargetGroup> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode g = list.get(i);
            String here = at + "[" + i + "]";
            fields(g, here, STATIC);
            // A blackbox job's targets are URLs, turned into parameters by relabelling; without
            // relabel rules a target with a slash can never be scraped, and Prometheus refuses it.
            List<String> targets = strings(g.path("targets"), here + ".targets");
            for (String t : targets) {
                if (!relabelled && t.contains("/")) {
                    throw new IllegalArgumentException("\"" + t + "\" is not a valid hostname");
                }
            }
            Labels.Builder labels = Labels.builder();
            JsonNode l = g.path("labels");
            for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!LABEL_NAME.matcher(e.getKey()).matches()) {
                    throw new IllegalArgumentException("\"" + e.getKey() + "\" is not a valid label name");
                }
                if (!e.getValue().isValueNode()) {
                    throw new IllegalArgumentException(here + ".labels." + e.getKey() + ": expected a string");
                }
                labels.set(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
            out.add(new ScrapeJobConfig.TargetGroup(targets, labels.build()));
        }
        return out;
    }

    private static List<List<String>> pods(JsonNode configs, String at) {
        JsonNode list = list(configs, at);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode k = list.get(i);
            String here = at + "[" + i + "]";
            fields(k, here, KUBERNETES);
            String role = text(k, "role", here).orElse("");
            if (!role.equals("pod")) {
                throw new IllegalArgumentException(here + ".role: the collector discovers the pods of its own node: role must be"
                        + " pod, got \"" + role + "\" (scrape other roles from the cluster's Prometheus or a static target)");
            }
            JsonNode ns = k.path("namespaces");
            fields(ns, here + ".namespaces", Set.of("names"));
            out.add(strings(ns.path("names"), here + ".namespaces.names"));
        }
        return out;
    }

    private static List<RelabelRule> relabel(JsonNode rules, String at) {
        JsonNode list = list(rules, at);
        List<RelabelRule> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String here = at + "[" + i + "]";
            fields(r, here, RELABEL);
            try {
                out.add(RelabelRule.of(r.has("source_labels") ? strings(r.get("source_labels"), here + ".source_labels") : null,
                        text(r, "separator", here).orElse(null), text(r, "regex", here).orElse(null),
                        modulus(r, here), text(r, "target_label", here).orElse(null),
                        text(r, "replacement", here).orElse(null), text(r, "action", here).orElse(null)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(here + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Optional<ScrapeAuth> auth(JsonNode n, String at, Path baseDir) {
        List<String> given = new ArrayList<>();
        for (String f : List.of("authorization", "basic_auth", "bearer_token", "bearer_token_file")) {
            if (n.has(f) && !n.get(f).isNull()) {
                given.add(f);
            }
        }
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (given.size() > 1 && !(given.size() == 2 && given.containsAll(List.of("bearer_token", "bearer_token_file")))) {
            throw new IllegalArgumentException(at + ": at most one of basic_auth, authorization, bearer_token & bearer_token_file"
                    + " must be configured");
        }
        if (given.contains("bearer_token") && given.contains("bearer_token_file")) {
            throw new IllegalArgumentException(at + ": at most one of bearer_token & bearer_token_file must be configured");
        }
        switch (given.get(0)) {
            case "bearer_token":
                return Optional.of(new ScrapeAuth("Bearer", text(n, "bearer_token", at).orElse(""), null, ""));
            case "bearer_token_file":
                return Optional.of(new ScrapeAuth("Bearer", "", baseDir.resolve(text(n, "bearer_token_file", at).orElse("")), ""));
            case "authorization": {
                JsonNode a = n.get("authorization");
                String here = at + ".authorization";
                fields(a, here, Set.of("type", "credentials", "credentials_file"));
                String type = text(a, "type", here).map(String::strip).filter(t -> !t.isEmpty()).orElse("Bearer");
                if (type.equalsIgnoreCase("basic")) {
                    throw new IllegalArgumentException(here + ": authorization type cannot be set to \"basic\", use"
                            + " \"basic_auth\" instead");
                }
                Optional<String> inline = text(a, "credentials", here);
                Optional<String> file = text(a, "credentials_file", here);
                if (inline.isPresent() && file.isPresent()) {
                    throw new IllegalArgumentException(here + ": at most one of authorization credentials & credentials_file"
                            + " must be configured");
                }
                return Optional.of(new ScrapeAuth(type, inline.orElse(""), file.map(baseDir::resolve).orElse(null), ""));
            }
            default: {
                JsonNode b = n.get("basic_auth");
                String here = at + ".basic_auth";
                fields(b, here, Set.of("username", "password", "password_file"));
                Optional<String> inline = text(b, "password", here);
                Optional<String> file = text(b, "password_file", here);
                if (inline.isPresent() && file.isPresent()) {
                    throw new IllegalArgumentException(here + ": at most one of basic_auth password & password_file must be"
                            + " configured");
                }
                return Optional.of(new ScrapeAuth("Basic", inline.orElse(""), file.map(baseDir::resolve).orElse(null),
                        text(b, "username", here).orElse("")));
            }
        }
    }

    /** Refuses fields outside {@code allowed}, naming a Prometheus field the collector lacks as such. */
    private static void fields(JsonNode n, String at, Set<String> allowed) {
        if (n.isMissingNode() || n.isNull()) {
            return;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException((at.isEmpty() ? "configuration" : at) + ": expected a mapping");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                String where = at.isEmpty() ? f : at + "." + f;
                throw new IllegalArgumentException(PROMETHEUS_ONLY.contains(f)
                        ? where + ": not supported by the collector's scrape configuration"
                        : where + ": field " + f + " not found");
            }
        }
    }

    /** A list where one belongs: missing or null is empty, anything else but a list is refused. */
    private static JsonNode list(JsonNode v, String at) {
        if (v.isMissingNode() || v.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(at + ": expected a list");
        }
        for (JsonNode e : v) {
            if (e == null || e.isNull()) {
                throw new IllegalArgumentException(at + ": a list entry is empty");
            }
        }
        return v;
    }

    /** hashmod's modulus: an unsigned 64-bit value, kept in a long's bits. */
    private static Long modulus(JsonNode r, String at) {
        JsonNode v = r.path("modulus");
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.canConvertToExactIntegral() || v.bigIntegerValue().signum() < 0 || v.bigIntegerValue().bitLength() > 64) {
            throw new IllegalArgumentException(at + ".modulus: expected a whole number from 0 to 18446744073709551615");
        }
        return v.bigIntegerValue().longValue();
    }

    private static Optional<String> text(JsonNode n, String field, String at) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(at + "." + field + ": expected a string");
        }
        return Optional.of(v.asText());
    }

    private static Optional<Boolean> bool(JsonNode n, String field, String at) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(at + "." + field + ": expected true or false");
        }
        return Optional.of(v.booleanValue());
    }

    private static Optional<Long> number(JsonNode n, String field, String at, long max) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > max) {
            throw new IllegalArgumentException(at + "." + field + ": expected a whole number from 0 to " + max);
        }
        return Optional.of(v.longValue());
    }

    private static Optional<Duration> duration(JsonNode n, String field, String at) {
        return text(n, field, at).map(s -> {
            try {
                return PromDuration.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + "." + field + ": " + e.getMessage());
            }
        });
    }

    private static List<String> strings(JsonNode v, String at) {
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(at + ": expected a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isValueNode()) {
                throw new IllegalArgumentException(at + ": expected a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
