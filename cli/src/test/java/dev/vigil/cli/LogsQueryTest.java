package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vigil logs} against a small Loki on a real HTTP server that pages through a fixed set of
 * entries as Loki's query_range does (start inclusive, end exclusive, newest first unless
 * FORWARD, at most {@code limit}); the expected output is what logcli's own tests and printer
 * code print for the same answers.
 */
class LogsQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_136_189_045_000_000_000L; // 2006-01-02T08:04:05Z, logcli's test time

    private record Line(Map<String, String> stream, long ts, String line) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String metricAnswer;
    private int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getRawQuery();
        requests.add(ex.getRequestURI().getPath() + "?" + q + " org=" + ex.getRequestHeaders().getFirst("X-Scope-OrgID")
                + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : q.split("&")) {
            String[] parts = kv.split("=", 2);
            p.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        String body;
        if (status != 200) {
            body = "{\"message\":\"parse error at line 1\"}";
        } else if (ex.getRequestURI().getPath().equals("/loki/api/v1/labels")) {
            body = "{\"status\":\"success\",\"data\":[\"job\",\"level\"]}";
        } else if (metricAnswer != null) {
            body = metricAnswer;
        } else {
            body = streams(new BigInteger(p.get("start")).longValue(), new BigInteger(p.get("end")).longValue(),
                    Integer.parseInt(p.get("limit")), p.get("direction").equals("FORWARD"));
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private String streams(long start, long end, int limit, boolean forward) {
        List<Line> hit = new ArrayList<>(lines.stream().filter(l -> l.ts() >= start && l.ts() < end).toList());
        Comparator<Line> byTime = Comparator.comparingLong(Line::ts);
        hit.sort(forward ? byTime : byTime.reversed());
        hit = hit.subList(0, Math.min(limit, hit.size()));
        Map<Map<String, String>, List<Line>> byStream = new LinkedHashMap<>();
        hit.forEach(l -> byStream.computeIfAbsent(l.stream(), s -> new ArrayList<>()).add(l));
        ObjectNode root = JSON.createObjectNode().put("status", "success");
        ObjectNode data = root.putObject("data").put("resultType", "streams");
        ArrayNode result = data.putArray("result");
        byStream.forEach((labels, ls) -> {
            ObjectNode s = result.addObject();
            ObjectNode st = s.putObject("stream");
            labels.forEach(st::put);
            ArrayNode values = s.putArray("values");
            ls.forEach(l -> values.addArray().add(Long.toString(l.ts())).add(l.line()));
        });
        return root.toString();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LogsQuery.execute(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> stream(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultOutputIsNewestFirstWithCommonLabelsOnStderrAndTheRestPadded() {
        lines.add(new Line(stream("job", "app", "level", "info"), T0, "started  "));
        lines.add(new Line(stream("job", "app", "level", "error"), T0 + 1_000_000_000L, "failed"));
        lines.add(new Line(stream("job", "app", "level", "info"), T0 + 2_000_000_000L, "retrying"));
        Run r = run(Map.of("LOKI_ADDR", url(), "LOKI_ORG_ID", "team-a"), "query", "--from=2006-01-02T08:00:00Z",
                "--to=2006-01-02T09:00:00Z", "-z", "UTC", "{job=\"app\"}");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                2006-01-02T08:04:07Z {level="info"}  retrying
                2006-01-02T08:04:06Z {level="error"} failed
                2006-01-02T08:04:05Z {level="info"}  started
                """, r.out());
        // logcli's first page: limit 30, the range in nanoseconds, keys sorted, the query escaped as Go escapes it
        assertTrue(requests.get(0).startsWith("/loki/api/v1/query_range?direction=BACKWARD&end=1136192400000000000&limit=30"
                + "&query=%7Bjob%3D%22app%22%7D&start=1136188800000000000 org=team-a"), requests.toString());
        // three of 30: a second page asks for what is left plus the overlap, ending at the oldest line + 1 ns
        assertEquals(2, requests.size(), requests.toString());
        assertTrue(requests.get(1).contains("end=" + (T0 + 1) + "&limit=28&"), requests.get(1));
        assertTrue(r.err().contains(" Common labels: {job=\"app\"}\n"), r.err());
        assertTrue(r.err().contains(" " + url() + "/loki/api/v1/query_range?direction=BACKWARD&end=1136192400000000000&limit=30"), r.err());
    }

    @Test
    void pagesOfABatchMeetWithoutRepeatingOrLosingALine() {
        for (int i = 0; i < 7; i++) {
            // two lines share each timestamp, as Loki allows
            lines.add(new Line(stream("job", "x"), T0 + (i / 2) * 1_000_000_000L, "line " + i));
        }
        Run r = run(Map.of(), "--addr=" + url(), "-q", "-o", "raw", "query", "--forward", "--batch=3", "--limit=0",
                "--from=2006-01-02T08:00:00Z", "--to=2006-01-02T09:00:00Z", "{job=\"x\"}");
        assertEquals(0, r.code(), r.err());
        List<String> printed = r.out().lines().toList();
        assertEquals(7, printed.size(), r.out());
        assertEquals(7, printed.stream().distinct().count(), r.out());
        assertEquals("", r.err(), "-q writes no metadata");
    }

    @Test
    void jsonlAndNoLabelsAndIncludeExclude() {
        lines.add(new Line(stream("job", "app", "pod", "a-1", "level", "info"), T0 + 500_000_000L, "one <b>"));
        lines.add(new Line(stream("job", "web", "pod", "w-1", "level", "info"), T0, "two"));
        Run jsonl = run(Map.of(), "--addr=" + url(), "-q", "-o", "jsonl", "-z", "UTC", "query", "--from=2006-01-02T08:00:00Z",
                "--to=2006-01-02T09:00:00Z", "--exclude-label=pod", "{level=\"info\"}");
        assertEquals("""
                {"labels":{"job":"app"},"line":"one \\u003cb\\u003e","timestamp":"2006-01-02T08:04:05.5Z"}
                {"labels":{"job":"web"},"line":"two","timestamp":"2006-01-02T08:04:05Z"}
                """, jsonl.out());
        Run noLabels = run(Map.of(), "--addr=" + url(), "-q", "-z", "UTC", "query", "--no-labels", "--from=2006-01-02T08:00:00Z",
                "--to=2006-01-02T09:00:00Z", "--limit=1", "{level=\"info\"}");
        assertEquals("2006-01-02T08:04:05Z one <b>\n", noLabels.out());
        Run include = run(Map.of(), "--addr=" + url(), "-z", "UTC", "query", "--include-label=pod", "--from=2006-01-02T08:00:00Z",
                "--to=2006-01-02T09:00:00Z", "{level=\"info\"}");
        assertEquals("""
                2006-01-02T08:04:05Z {pod="a-1"} one <b>
                2006-01-02T08:04:05Z {pod="w-1"} two
                """, include.out());
        assertTrue(include.err().contains("Common labels: {level=\"info\"}"), include.err());
        assertTrue(include.err().contains("Print only labels key: pod"), include.err());
    }

    @Test
    void aMetricResultIsPrintedAsIndentedJsonWithoutANewline() {
        metricAnswer = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                + "[{\"metric\":{\"job\":\"app\",\"level\":\"error\"},\"value\":[1700000000.5,\"2\"]}]}}";
        Run r = run(Map.of("LOKI_ADDR", url()), "-q", "instant-query", "--now=2023-11-14T22:13:20Z", "count_over_time({job=\"app\"}[1m])");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                [
                  {
                    "metric": {
                      "job": "app",
                      "level": "error"
                    },
                    "value": [
                      1700000000.5,
                      "2"
                    ]
                  }
                ]""", r.out());
        assertTrue(requests.get(0).startsWith("/loki/api/v1/query?direction=BACKWARD&limit=30&query=count_over_time%28%7Bjob%3D%22app%22%7D%5B1m%5D%29"
                + "&time=1700000000000000000"), requests.get(0));
    }

    @Test
    void labelsCredentialsAndRefusals() throws IOException {
        java.nio.file.Path token = java.nio.file.Files.createTempFile("token", "");
        java.nio.file.Files.writeString(token, "s3cret\n");
        Run labels = run(Map.of("LOKI_ADDR", url(), "LOKI_BEARER_TOKEN_FILE", token.toString()), "-q", "labels");
        assertEquals("job\nlevel\n", labels.out());
        assertTrue(requests.get(0).endsWith("auth=Bearer s3cret"), requests.get(0));

        Run both = run(Map.of("LOKI_ADDR", url()), "--bearer-token=x", "--username=u", "--password=p", "labels");
        assertEquals(1, both.code());
        assertTrue(both.err().contains("at most one of HTTP basic auth (username/password), bearer-token & bearer-token-file"), both.err());

        status = 400;
        Run bad = run(Map.of("LOKI_ADDR", url()), "query", "{job=");
        assertEquals(1, bad.code());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("Error response from server: {\"message\":\"parse error at line 1\"} (<nil>) attempts remaining: 0\n"), bad.err());
        assertTrue(bad.err().contains("Query failed: run out of attempts while querying the server\n"), bad.err());

        Run usage = run(Map.of(), "query");
        assertEquals(1, usage.code());
        assertEquals("vigil: error: required argument 'query' not provided, try --help\n", usage.err());
        java.nio.file.Files.delete(token);
    }
}
