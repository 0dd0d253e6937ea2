package dev.vigil.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.vigil.alert.notify.GoJson;
import dev.vigil.alert.notify.GoUrl;
import dev.vigil.model.GoFloat;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code vigil logs query|instant-query|labels}: logcli's commands of those names with their
 * flags, environment variables ({@code LOKI_ADDR}, {@code LOKI_ORG_ID}, {@code LOKI_BEARER_TOKEN}
 * ...), requests (batched {@code query_range} pages as logcli fetches them), output modes
 * ({@code default}, {@code raw}, {@code jsonl}), the metadata it writes to stderr and its exit
 * codes, against a Vigil logs-service or any Loki API. Colours are never written.
 */
final class LogsQuery {
    static final String USAGE = """
            usage: vigil logs [global flags] query [flags] <query>
                   vigil logs [global flags] instant-query [--now=TIME] [--limit=N] [--forward] <query>
                   vigil logs [global flags] labels [--since=D] [--from=T] [--to=T] [<label>]
            global flags: --addr (LOKI_ADDR, http://localhost:3100), --org-id (LOKI_ORG_ID), --bearer-token (LOKI_BEARER_TOKEN),
              --bearer-token-file (LOKI_BEARER_TOKEN_FILE), --username/--password (LOKI_USERNAME/LOKI_PASSWORD),
              --auth-header (LOKI_AUTH_HEADER), --ca-cert (LOKI_CA_CERT_PATH), --tls-skip-verify (LOKI_TLS_SKIP_VERIFY),
              -q/--quiet, -o/--output default|raw|jsonl, -z/--timezone Local|UTC
            query flags: --limit=30 (0: all), --since=1h, --from=RFC3339, --to=RFC3339, --step, --interval, --batch=1000,
              --forward, --no-labels, --exclude-label=L..., --include-label=L..., --labels-length=N
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALUED = Set.of("addr", "username", "password", "org-id", "bearer-token", "bearer-token-file",
            "auth-header", "ca-cert", "output", "timezone", "limit", "since", "from", "to", "step", "interval", "batch",
            "exclude-label", "include-label", "labels-length", "now");
    private static final Set<String> BOOLEANS = Set.of("quiet", "forward", "no-labels", "colored-output", "tls-skip-verify", "help");
    private static final Map<String, String> SHORTS = Map.of("q", "quiet", "o", "output", "z", "timezone", "h", "help");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Args args;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final ZoneId zone;
    private final String mode;
    private final String addr;
    private final ApiClient client;
    private final int labelsLength;

    /** A fatal error: logged as logcli's log.Fatal logs it, exit 1. */
    private static final class Fatal extends Exception {
        Fatal(String message) {
            super(message);
        }
    }

    private LogsQuery(Args args, PrintStream out, PrintStream err, Map<String, String> env) throws Args.UsageException, Fatal {
        this.args = args;
        this.out = out;
        this.err = err;
        this.quiet = args.bool("quiet");
        this.mode = args.flag("output", "default");
        if (!List.of("default", "raw", "jsonl").contains(mode)) {
            throw new Args.UsageException("enum value must be one of default,raw,jsonl, got '" + mode + "'");
        }
        String tz = args.flag("timezone", "Local");
        if (!List.of("Local", "UTC").contains(tz)) {
            throw new Args.UsageException("enum value must be one of Local,UTC, got '" + tz + "'");
        }
        this.zone = tz.equals("UTC") ? ZoneOffset.UTC : ZoneId.systemDefault();
        this.labelsLength = intFlag("labels-length", 0);
        this.addr = flagOrEnv("addr", "LOKI_ADDR", env, "http://localhost:3100");
        HttpSettings settings = new HttpSettings();
        String user = flagOrEnv("username", "LOKI_USERNAME", env, "");
        String password = flagOrEnv("password", "LOKI_PASSWORD", env, "");
        String token = flagOrEnv("bearer-token", "LOKI_BEARER_TOKEN", env, "");
        String tokenFile = flagOrEnv("bearer-token-file", "LOKI_BEARER_TOKEN_FILE", env, "");
        int ways = (!user.isEmpty() || !password.isEmpty() ? 1 : 0) + (token.isEmpty() ? 0 : 1) + (tokenFile.isEmpty() ? 0 : 1);
        if (ways > 1) {
            throw new Fatal("at most one of HTTP basic auth (username/password), bearer-token & bearer-token-file is allowed to be configured");
        }
        try {
            if (!user.isEmpty() && !password.isEmpty()) {
                settings.basic(user, password);
            }
            if (!tokenFile.isEmpty()) {
                token = HttpSettings.read(tokenFile);
            }
            if (!token.isEmpty()) {
                settings.header(flagOrEnv("auth-header", "LOKI_AUTH_HEADER", env, "Authorization"), "Bearer " + token);
            }
            String org = flagOrEnv("org-id", "LOKI_ORG_ID", env, "");
            if (!org.isEmpty()) {
                settings.header("X-Scope-OrgID", org);
            }
            settings.header("User-Agent", "loki-logcli/vigil");
            String ca = flagOrEnv("ca-cert", "LOKI_CA_CERT_PATH", env, "");
            if (!ca.isEmpty()) {
                settings.caFile(Path.of(ca));
            }
            settings.insecureSkipVerify(args.bool("tls-skip-verify") || Args.goBool(env.getOrDefault("LOKI_TLS_SKIP_VERIFY", "false")));
            this.client = new ApiClient(addr, settings.headers, settings.client(), TIMEOUT);
        } catch (HttpSettings.SettingsException e) {
            throw new Fatal(e.getMessage());
        }
    }

    private String flagOrEnv(String flag, String envName, Map<String, String> env, String dflt) {
        return args.flag(flag, env.getOrDefault(envName, dflt));
    }

    static int execute(List<String> argv, PrintStream out, PrintStream err, Map<String, String> env) {
        try {
            Args a = Args.parse(argv, VALUED, BOOLEANS, SHORTS);
            if (a.bool("help")) {
                out.print(USAGE);
                return 0;
            }
            if (a.positional.isEmpty() || !List.of("query", "instant-query", "labels").contains(a.positional.get(0))) {
                throw new Args.UsageException("expected command query, instant-query or labels");
            }
            String command = a.positional.get(0);
            if (!command.equals("labels") && a.positional.size() < 2) {
                throw new Args.UsageException("required argument 'query' not provided");
            }
            if (a.positional.size() > 2) {
                throw new Args.UsageException("unexpected " + a.positional.get(2));
            }
            LogsQuery q = new LogsQuery(a, out, err, env);
            return switch (command) {
                case "query" -> q.query(a.positional.get(1));
                case "instant-query" -> q.instantQuery(a.positional.get(1));
                default -> q.labels(a.positional.size() > 1 ? a.positional.get(1) : null);
            };
        } catch (Args.UsageException e) {
            err.println("vigil: error: " + e.getMessage() + ", try --help");
            return 1;
        } catch (Fatal e) {
            err.println(GoText.logPrefix() + e.getMessage());
            return 1;
        }
    }

    // ---- query ----

    /** One log entry as printed, with the labels shown for it. */
    private record Entry(BigInteger ts, String line, Map<String, String> labels) {
    }

    private int query(String expr) throws Fatal, Args.UsageException {
        int limit = intFlag("limit", 30);
        int batch = intFlag("batch", 1000);
        boolean forward = args.bool("forward");
        boolean unlimited = limit == 0;
        BigInteger now = nanos(Instant.now());
        BigInteger since = BigInteger.valueOf(Args.goDurationMs(args.flag("since", "1h"))).multiply(MILLI);
        BigInteger start = args.flag("from", null) == null ? now.subtract(since) : parseTime(args.flag("from", null));
        BigInteger end = args.flag("to", null) == null ? now : parseTime(args.flag("to", null));
        long stepMs = Args.goDurationMs(args.flag("step", "0s"));
        long intervalMs = Args.goDurationMs(args.flag("interval", "0s"));
        if (limit < batch && !unlimited) {
            batch = limit;
        }
        List<Entry> lastEntry = List.of();
        int total = 0;
        while (total < limit || unlimited) {
            int size = batch;
            if (limit - total < batch && !unlimited) {
                size = limit - total + lastEntry.size();
            }
            Map<String, String> params = new TreeMap<>(); // Go's url.Values.Encode sorts the keys
            params.put("query", expr);
            params.put("limit", Integer.toString(size));
            params.put("start", start.toString());
            params.put("end", end.toString());
            params.put("direction", forward ? "FORWARD" : "BACKWARD");
            if (stepMs != 0) {
                params.put("step", GoFloat.format(stepMs / 1000.0));
            }
            if (intervalMs != 0) {
                params.put("interval", GoFloat.format(intervalMs / 1000.0));
            }
            JsonNode data = request("/loki/api/v1/query_range", params, "Query failed: ");
            if (!data.path("resultType").asText().equals("streams")) {
                printMetric(data);
                break;
            }
            Printed p = printStreams(data.path("result"), lastEntry, forward);
            lastEntry = p.last();
            if (p.count() <= 0 || lastEntry.isEmpty() || p.count() == limit) {
                break;
            }
            if (lastEntry.size() >= batch) {
                throw new Fatal("Invalid batch size " + batch + ", the next query will have " + lastEntry.size()
                        + " overlapping entries (there will always be 1 overlapping entry but Loki allows multiple entries to have the same "
                        + "timestamp, so when a batch ends in this scenario the next query will include all the overlapping entries again)."
                        + "  Please increase your batch size to at least " + (lastEntry.size() + 1));
            }
            total += p.count();
            if (forward) {
                start = lastEntry.get(0).ts();
            } else {
                end = lastEntry.get(0).ts().add(BigInteger.ONE);
            }
        }
        return 0;
    }

    private int instantQuery(String expr) throws Fatal, Args.UsageException {
        int limit = intFlag("limit", 30);
        boolean forward = args.bool("forward");
        String nowFlag = args.flag("now", null);
        BigInteger t = nowFlag == null ? nanos(Instant.now()) : parseTime(nowFlag);
        Map<String, String> params = new TreeMap<>();
        params.put("query", expr);
        params.put("limit", Integer.toString(limit));
        params.put("time", t.toString());
        params.put("direction", forward ? "FORWARD" : "BACKWARD");
        JsonNode data = request("/loki/api/v1/query", params, "Query failed: ");
        if (data.path("resultType").asText().equals("streams")) {
            printStreams(data.path("result"), List.of(), forward);
        } else {
            printMetric(data);
        }
        return 0;
    }

    private int labels(String name) throws Fatal, Args.UsageException {
        BigInteger now = nanos(Instant.now());
        BigInteger since = BigInteger.valueOf(Args.goDurationMs(args.flag("since", "1h"))).multiply(MILLI);
        BigInteger start = args.flag("from", null) == null ? now.subtract(since) : parseTime(args.flag("from", null));
        BigInteger end = args.flag("to", null) == null ? now : parseTime(args.flag("to", null));
        Map<String, String> params = new TreeMap<>();
        params.put("start", start.toString());
        params.put("end", end.toString());
        String path = name == null ? "/loki/api/v1/labels" : "/loki/api/v1/label/" + GoUrl.queryEscape(name).replace("+", "%20") + "/values";
        JsonNode data = request(path, params, "Error doing request: ");
        for (JsonNode v : data) {
            out.println(v.asText());
        }
        return 0;
    }

    // ---- HTTP ----

    private static final BigInteger MILLI = BigInteger.valueOf(1_000_000);

    /** GETs the path as logcli does (the URL logged to stderr first) and returns the answer's {@code data}. */
    private JsonNode request(String path, Map<String, String> params, String failure) throws Fatal {
        String pathAndQuery = path + "?" + GoUrl.encode(params); // what is logged is what is sent
        String base = addr.endsWith("/") ? addr.substring(0, addr.length() - 1) : addr;
        if (!quiet) {
            err.println(GoText.logPrefix() + base + pathAndQuery);
        }
        ApiClient.Answer answer;
        try {
            answer = client.get(pathAndQuery);
        } catch (IOException e) {
            err.println(GoText.logPrefix() + "error sending request " + e.getMessage());
            throw new Fatal(failure + "run out of attempts while querying the server");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fatal(failure + "interrupted");
        }
        if (answer.status() / 100 != 2) {
            err.println(GoText.logPrefix() + "Error response from server: " + answer.body() + " (<nil>) attempts remaining: 0");
            throw new Fatal(failure + "run out of attempts while querying the server");
        }
        try {
            return JSON.readTree(answer.body()).path("data");
        } catch (JacksonException e) {
            throw new Fatal(failure + e.getOriginalMessage());
        }
    }

    // ---- printing ----

    private record Printed(int count, List<Entry> last) {
    }

    /** logcli's printStream: common labels taken out, entries of all streams merged by time, the overlap with the last page skipped. */
    private Printed printStreams(JsonNode streams, List<Entry> lastEntry, boolean forward) throws Fatal {
        List<Map<String, String>> labelSets = new ArrayList<>();
        for (JsonNode s : streams) {
            labelSets.add(sorted(s.path("stream")));
        }
        Map<String, String> common = common(labelSets);
        List<String> include = args.all("include-label");
        List<String> exclude = args.all("exclude-label");
        include.forEach(common::remove);
        if (!quiet) {
            if (!common.isEmpty()) {
                err.println(GoText.logPrefix() + "Common labels: " + GoText.labelSet(common));
            }
            if (!exclude.isEmpty()) {
                err.println(GoText.logPrefix() + "Ignoring labels key: " + String.join(",", exclude));
            }
            if (!include.isEmpty()) {
                err.println(GoText.logPrefix() + "Print only labels key: " + String.join(",", include));
            }
        }
        int maxLabelsLen = labelsLength;
        List<Entry> all = new ArrayList<>();
        int i = 0;
        for (JsonNode s : streams) {
            Map<String, String> shown = new TreeMap<>(labelSets.get(i++));
            common.keySet().forEach(shown::remove);
            if (!include.isEmpty()) {
                shown.keySet().retainAll(new HashSet<>(include));
            }
            exclude.forEach(shown::remove);
            maxLabelsLen = Math.max(maxLabelsLen, GoText.labelSet(shown).length());
            for (JsonNode v : s.path("values")) {
                all.add(new Entry(nanos(v.path(0).asText()), v.path(1).asText(), shown));
            }
        }
        if (all.isEmpty()) {
            return new Printed(0, List.of());
        }
        Comparator<Entry> byTime = Comparator.comparing(Entry::ts);
        all.sort(forward ? byTime : byTime.reversed());
        int printed = 0;
        for (Entry e : all) {
            if (!lastEntry.isEmpty() && e.ts().equals(lastEntry.get(0).ts())
                    && lastEntry.stream().anyMatch(le -> le.line().equals(e.line()))) {
                continue; // printed by the page before: batching asks for the last timestamp again
            }
            print(e, maxLabelsLen);
            printed++;
        }
        BigInteger lastTs = all.get(all.size() - 1).ts();
        List<Entry> last = all.stream().filter(e -> e.ts().equals(lastTs)).toList();
        return new Printed(printed, last);
    }

    private void print(Entry e, int maxLabelsLen) {
        Instant t = instant(e.ts());
        boolean noLabels = args.bool("no-labels");
        switch (mode) {
            case "raw" -> out.println(e.line().endsWith("\n") ? e.line().substring(0, e.line().length() - 1) : e.line());
            case "jsonl" -> {
                ObjectNode o = GoJson.object();
                if (!noLabels) {
                    ObjectNode l = o.putObject("labels");
                    e.labels().forEach(l::put);
                }
                o.put("line", e.line());
                o.put("timestamp", GoText.rfc3339Nano(t, zone));
                out.println(GoJson.write(o));
            }
            default -> {
                String line = e.line().strip();
                if (noLabels) {
                    out.println(GoText.rfc3339(t, zone) + " " + line);
                } else {
                    String labels = GoText.labelSet(e.labels());
                    out.println(GoText.rfc3339(t, zone) + " " + labels + " ".repeat(Math.max(0, maxLabelsLen - labels.length())) + " " + line);
                }
            }
        }
    }

    /** A metric result as logcli prints it: the Go client's types, json.MarshalIndent, no final newline. */
    private void printMetric(JsonNode data) {
        JsonNode result = data.path("result");
        ArrayNode a = GoJson.object().arrayNode();
        String type = data.path("resultType").asText();
        if (type.equals("scalar")) {
            pair(a, result);
            out.print(GoText.indent(a));
            return;
        }
        for (JsonNode s : result) {
            ObjectNode o = a.addObject();
            ObjectNode m = o.putObject("metric");
            sorted(s.path("metric")).forEach(m::put);
            if (type.equals("vector")) {
                pair(o.putArray("value"), s.path("value"));
            } else {
                ArrayNode values = o.putArray("values");
                s.path("values").forEach(p -> pair(values.addArray(), p));
            }
        }
        out.print(GoText.indent(a));
    }

    private static void pair(ArrayNode into, JsonNode p) {
        long ms = Math.round(p.path(0).asDouble() * 1000);
        into.addRawValue(new RawValue(GoFloat.format(ms / 1000.0)));
        into.add(p.path(1).asText());
    }

    // ---- helpers ----

    private static Map<String, String> common(List<Map<String, String>> sets) {
        if (sets.isEmpty()) {
            return new TreeMap<>();
        }
        Map<String, String> c = new TreeMap<>(sets.get(0));
        for (Map<String, String> s : sets.subList(1, sets.size())) {
            c.entrySet().removeIf(e -> !e.getValue().equals(s.get(e.getKey())));
        }
        return c;
    }

    private static Map<String, String> sorted(JsonNode labels) {
        Map<String, String> m = new TreeMap<>();
        labels.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private int intFlag(String name, int dflt) throws Args.UsageException {
        String v = args.flag(name, null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new Args.UsageException("strconv.ParseInt: parsing \"" + v + "\": invalid syntax");
        }
    }

    /** An entry's timestamp as Loki writes it (nanoseconds in a string); anything else is not an answer of Loki's. */
    private static BigInteger nanos(String ts) throws Fatal {
        try {
            return new BigInteger(ts);
        } catch (NumberFormatException e) {
            throw new Fatal("Query failed: bad timestamp in the answer: \"" + ts + "\"");
        }
    }

    private static BigInteger nanos(Instant t) {
        return BigInteger.valueOf(t.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000)).add(BigInteger.valueOf(t.getNano()));
    }

    private static Instant instant(BigInteger ns) {
        BigInteger[] qr = ns.divideAndRemainder(BigInteger.valueOf(1_000_000_000));
        return Instant.ofEpochSecond(qr[0].longValue(), qr[1].longValue());
    }

    private static BigInteger parseTime(String s) throws Fatal {
        try {
            return nanos(Instant.parse(s));
        } catch (DateTimeParseException e) {
            throw new Fatal("Unable to parse time parsing time \"" + s + "\" as \"2006-01-02T15:04:05.999999999Z07:00\": cannot parse it");
        }
    }
}
