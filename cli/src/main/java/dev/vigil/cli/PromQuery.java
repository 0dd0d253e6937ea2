package dev.vigil.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.GoFloat;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vigil query instant|range}: promtool's {@code query instant} and {@code query range},
 * same flags, same requests (a form POST to {@code /api/v1/query} or {@code /query_range}), same
 * output ({@code -o promql}, the default, or {@code -o json}) and exit codes (0 answered, 1 any
 * error), against a Vigil metrics-service or any Prometheus API.
 */
final class PromQuery {
    static final String USAGE = """
            usage: vigil query [--http.config.file=FILE] instant [--time=TIME] [-o promql|json] [--header=K=V]... <server> <expr>
                   vigil query [--http.config.file=FILE] range [--start=TIME] [--end=TIME] [--step=DURATION] [-o promql|json]
                               [--header=K=V]... <server> <expr>
            TIME is Unix seconds or RFC 3339; the range's defaults are the last 5 minutes in about 250 steps.
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VALUED = Set.of("http.config.file", "time", "format", "start", "end", "step", "header");
    private static final Duration TIMEOUT = Duration.ofMinutes(2); // promtool's context deadline

    private PromQuery() {
    }

    static int execute(List<String> argv, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(argv, VALUED, Set.of("help"), Map.of("o", "format", "h", "help"));
            if (a.bool("help")) {
                out.print(USAGE);
                return 0;
            }
            if (a.positional.isEmpty() || !List.of("instant", "range").contains(a.positional.get(0))) {
                throw new Args.UsageException("expected command instant or range");
            }
            if (a.positional.size() < 2) {
                throw new Args.UsageException("required argument 'server' not provided");
            }
            if (a.positional.size() < 3) {
                throw new Args.UsageException("required argument 'expr' not provided");
            }
            if (a.positional.size() > 3) {
                throw new Args.UsageException("unexpected " + a.positional.get(3));
            }
            String format = a.flag("format", "promql");
            if (!format.equals("promql") && !format.equals("json")) {
                throw new Args.UsageException("enum value must be one of promql,json, got '" + format + "'");
            }
        } catch (Args.UsageException e) {
            err.println("vigil: error: " + e.getMessage() + ", try --help");
            return 1;
        }
        try {
            return run(a, out, err);
        } catch (Args.UsageException | HttpSettings.SettingsException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int run(Args a, PrintStream out, PrintStream err) throws Args.UsageException, HttpSettings.SettingsException {
        HttpSettings settings = new HttpSettings();
        String config = a.flag("http.config.file", null);
        if (config != null) {
            settings.load(Path.of(config));
        }
        for (String h : a.all("header")) {
            int eq = h.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("expected KEY=VALUE got '" + h + "'");
            }
            settings.header(h.substring(0, eq), h.substring(eq + 1));
        }
        String server = a.positional.get(1);
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("parse \"" + server + "\": " + e.getMessage());
        }
        if (uri.getScheme() == null) {
            server = "http://" + server; // promtool's default scheme
            uri = URI.create(server);
        }
        if (uri.getUserInfo() != null) {
            // Go sends a URL's user and password as basic auth; the JDK client does not, and the URL printed in errors drops them
            String[] userPassword = uri.getUserInfo().split(":", 2);
            settings.basic(userPassword[0], userPassword.length > 1 ? userPassword[1] : "");
            server = server.replace(uri.getRawUserInfo() + "@", "");
        }
        ApiClient client = new ApiClient(server, settings.headers, settings.client(), TIMEOUT);
        String expr = a.positional.get(2);
        String path;
        Map<String, String> params;
        if (a.positional.get(0).equals("instant")) {
            String time = a.flag("time", null);
            long t = time == null ? System.currentTimeMillis() : parse("evaluation", time);
            path = "/api/v1/query";
            params = Map.of("query", expr, "time", seconds(t));
        } else {
            String endFlag = a.flag("end", null);
            long end = endFlag == null ? System.currentTimeMillis() : parse("end", endFlag);
            String startFlag = a.flag("start", null);
            long start = startFlag == null ? end - Duration.ofMinutes(5).toMillis() : parse("start", startFlag);
            if (start >= end) {
                err.println("start time is not before end time");
                return 1;
            }
            long step = Args.goDurationMs(a.flag("step", "0s"));
            if (step == 0) {
                step = Math.max((end - start) / 1000 / 250, 1) * 1000;
            }
            path = "/api/v1/query_range";
            params = Map.of("query", expr, "start", seconds(start), "end", seconds(end), "step", seconds(step));
        }
        ApiClient.Answer answer;
        try {
            answer = client.postForm(path, params);
        } catch (IOException e) {
            err.println("query error: Post \"" + server + path + "\": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("query error: interrupted");
            return 1;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (JacksonException e) {
            body = null;
        }
        int status = answer.status();
        if (status / 100 != 2 && status != 400 && status != 422) {
            // Prometheus's Go client reads the error JSON of 400 and 422 only; other answers are named by their class
            err.println("query error: " + switch (status / 100) {
                case 4 -> "client_error: client error: " + status;
                case 5 -> "server_error: server error: " + status;
                default -> "bad_response: bad response code " + status;
            });
            return 1;
        }
        if (body == null || !body.isObject()) {
            err.println("query error: bad_response: readObjectStart: expect { or n, but found " + firstChar(answer.body()));
            return 1;
        }
        if (!"success".equals(body.path("status").asText())) {
            err.println("query error: " + body.path("errorType").asText() + ": " + body.path("error").asText());
            return 1;
        }
        JsonNode data = body.path("data");
        if (!List.of("vector", "matrix", "scalar", "string").contains(data.path("resultType").asText())) {
            err.println("query error: bad_response: unknown result type \"" + data.path("resultType").asText() + "\"");
            return 1;
        }
        out.println(a.flag("format", "promql").equals("json") ? PromOutput.json(data) : PromOutput.promql(data));
        return 0;
    }

    private static long parse(String which, String value) throws Args.UsageException {
        try {
            return Args.promtoolTimeMs(value);
        } catch (Args.UsageException e) {
            throw new Args.UsageException("error parsing " + which + " time: " + e.getMessage());
        }
    }

    /** The Go client's time and step parameters: seconds, strconv 'f' -1. */
    static String seconds(long ms) {
        return GoFloat.format(ms / 1000.0);
    }

    private static String firstChar(String body) {
        return body.isEmpty() ? "EOF" : body.substring(0, 1);
    }
}
