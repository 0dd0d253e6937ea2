package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.alert.config.am.IntegrationConfig;
import dev.vigil.alert.routing.Alert;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WeChat's token-then-send exchange and Jira's search, create, update and transition, against a
 * real local HTTP server that answers as those APIs do, checking each request against what
 * Alertmanager's notifiers send.
 */
class WechatAndJiraNotifiersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String GROUP_KEY = "{}:{alertname=\"DiskFull\"}";

    record Request(String method, String path, String query, String body) {
    }

    HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    String base;
    /** What the fake APIs answer, by "METHOD path". */
    final Map<String, String> answers = new LinkedHashMap<>();
    final AtomicInteger tokens = new AtomicInteger();
    volatile String issueStatus = "";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), body));
        int status = 200;
        String answer;
        if (path.endsWith("/gettoken")) {
            answer = "{\"errcode\":0,\"access_token\":\"tok-" + tokens.incrementAndGet() + "\",\"expires_in\":7200}";
        } else if (path.endsWith("/message/send")) {
            // the first token has expired by the time it is used; the second works
            answer = ex.getRequestURI().getRawQuery().equals("access_token=tok-1")
                    ? "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}"
                    : answers.getOrDefault("send", "{\"errcode\":0,\"errmsg\":\"ok\"}");
        } else if (path.endsWith("/search")) {
            answer = issueStatus.isEmpty() ? "{\"issues\":[]}"
                    : "{\"issues\":[{\"key\":\"OPS-7\",\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"" + issueStatus + "\"}}}}]}";
        } else if (path.endsWith("/transitions") && ex.getRequestMethod().equals("GET")) {
            answer = "{\"transitions\":[{\"id\":\"21\",\"name\":\"In Progress\"},{\"id\":\"31\",\"name\":\"Done\"}]}";
        } else if (path.endsWith("/issue") && ex.getRequestMethod().equals("POST")) {
            status = 201;
            answer = "{\"id\":\"10007\",\"key\":\"OPS-7\"}";
        } else {
            status = 204;
            answer = "";
        }
        byte[] b = answer.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    private Map<String, IntegrationConfig> integrations() {
        Map<String, IntegrationConfig> byType = new LinkedHashMap<>();
        AlertmanagerConfigLoader.parse("""
                global:
                  wechat_api_url: %1$s/cgi-bin/
                  wechat_api_secret: wx-secret
                  wechat_api_corp_id: wx-corp
                route:
                  receiver: all
                receivers:
                  - name: all
                    wechat_configs:
                      - to_party: '2'
                        agent_id: '1000002'
                        message: 'disk full on {{ .CommonLabels.instance }}'
                    jira_configs:
                      - api_url: %1$s/rest/api/2
                        project: OPS
                        issue_type: Bug
                        labels: [alertmanager, '{{ .CommonLabels.team }}']
                        priority: High
                        resolve_transition: Done
                        reopen_transition: Reopen
                        reopen_duration: 1h
                        wont_fix_resolution: "Won't Fix"
                        fields:
                          customfield_10001: '{{ .CommonLabels.severity }}'
                          customfield_10002: '{{ len .Alerts }}'
                """.formatted(base)).receivers().get(0).integrations().forEach(i -> byType.put(i.type(), i));
        return byType;
    }

    private Notification render(IntegrationConfig c, boolean resolved) {
        Alert a = new Alert(Labels.of("alertname", "DiskFull", "instance", "db-1", "severity", "critical", "team", "storage"),
                Map.of("summary", "disk full"), NOW.minusSeconds(60), resolved ? NOW.minusSeconds(1) : NOW.plusSeconds(300),
                "http://prom/graph", NOW, false);
        TemplateData data = TemplateData.of("all", Labels.of("alertname", "DiskFull"), List.of(a), NOW, "http://vigil:9093");
        return new Payloads(DefaultTemplates.newSet()).integrations().render("all", "all/" + c.type() + "[0]", GROUP_KEY, c, data, 0);
    }

    private static HttpJsonNotifier.Sleeper noWait() {
        return d -> { };
    }

    @Test
    void wechatFetchesATokenSendsAndFetchesAgainWhenItExpired() throws Exception {
        WechatNotifier notifier = new WechatNotifier(HttpJsonNotifier.withDefaults(), Clock.systemUTC(), noWait(), Duration.ofMillis(1),
                Duration.ofMillis(2));
        notifier.send(render(integrations().get("wechat"), false), Duration.ofSeconds(10));
        assertEquals(List.of("GET /cgi-bin/gettoken corpid=wx-corp&corpsecret=wx-secret", "POST /cgi-bin/message/send access_token=tok-1",
                "GET /cgi-bin/gettoken corpid=wx-corp&corpsecret=wx-secret", "POST /cgi-bin/message/send access_token=tok-2"),
                requests.stream().map(r -> r.method() + " " + r.path() + " " + r.query()).toList());
        JsonNode body = JSON.readTree(requests.get(3).body());
        assertEquals(List.of("text", "toparty", "agentid", "safe", "msgtype", "markdown"), names(body));
        assertEquals("disk full on db-1", body.path("text").path("content").asText());
        assertEquals("", body.path("markdown").path("content").asText(), "Go writes the unused content object too");
        assertEquals("0", body.path("safe").asText());
        assertEquals("text", body.path("msgtype").asText());
        assertEquals("1000002", body.path("agentid").asText());

        // the token is kept: the next message sends at once
        requests.clear();
        notifier.send(render(integrations().get("wechat"), false), Duration.ofSeconds(10));
        assertEquals(1, requests.size(), requests.toString());
    }

    @Test
    void wechatRefusalsAreNotRetried() {
        answers.put("send", "{\"errcode\":81013,\"errmsg\":\"user & party & tag all invalid\"}");
        WechatNotifier notifier = new WechatNotifier(HttpJsonNotifier.withDefaults(), Clock.systemUTC(), noWait(), Duration.ofMillis(1),
                Duration.ofMillis(2));
        NotifyException e = assertThrows(NotifyException.class,
                () -> notifier.send(render(integrations().get("wechat"), false), Duration.ofSeconds(10)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("81013"), e.getMessage());
        assertFalse(e.getMessage().contains("wx-secret"), "the secret is never in a message");
        assertFalse(render(integrations().get("wechat"), false).toString().contains("wx-secret"));
    }

    @Test
    void jiraCreatesTheGroupsIssueThenUpdatesAndResolvesIt() throws Exception {
        JiraNotifier notifier = new JiraNotifier(HttpJsonNotifier.withDefaults(), Clock.systemUTC(), noWait(), Duration.ofMillis(1),
                Duration.ofMillis(2));
        IntegrationConfig c = integrations().get("jira");
        String label = "ALERT{" + IntegrationPayloads.hash(GROUP_KEY) + "}";

        notifier.send(render(c, false), Duration.ofSeconds(10));
        assertEquals(List.of("POST /rest/api/2/search", "POST /rest/api/2/issue"), calls());
        JsonNode search = JSON.readTree(requests.get(0).body());
        assertEquals("resolution != \"Won't Fix\" and (resolutiondate is EMPTY OR resolutiondate >= -60m) and project=\"OPS\" and labels=\""
                + label + "\" order by status ASC,resolutiondate DESC", search.path("jql").asText());
        assertEquals(2, search.path("maxResults").asInt());
        JsonNode fields = JSON.readTree(requests.get(1).body()).path("fields");
        assertEquals(List.of("customfield_10001", "customfield_10002", "description", "issuetype", "labels", "priority", "project", "summary"),
                names(fields), "a Go map: sorted keys");
        assertEquals(List.of(label, "alertmanager", "storage"), JSON.convertValue(fields.path("labels"), List.class));
        assertEquals("[FIRING:1] DiskFull (db-1 critical storage)", fields.path("summary").asText());
        assertEquals("Bug", fields.path("issuetype").path("name").asText());
        assertEquals("OPS", fields.path("project").path("key").asText());
        assertEquals("High", fields.path("priority").path("name").asText());
        assertEquals("critical", fields.path("customfield_10001").asText());
        assertTrue(fields.path("customfield_10002").isInt(), "a templated value that reads as a number is sent as one");

        // resolved while the issue is open: updated, then moved through "Done"
        requests.clear();
        issueStatus = "indeterminate";
        notifier.send(render(c, true), Duration.ofSeconds(10));
        assertEquals(List.of("POST /rest/api/2/search", "PUT /rest/api/2/issue/OPS-7", "GET /rest/api/2/issue/OPS-7/transitions",
                "POST /rest/api/2/issue/OPS-7/transitions"), calls());
        assertTrue(JSON.readTree(requests.get(0).body()).path("jql").asText().contains("statusCategory != Done and "),
                "a resolved group looks for an open issue only");
        assertEquals("{\"transition\":{\"id\":\"31\"}}", requests.get(3).body());

        // firing again after it was done: the reopen transition must exist
        requests.clear();
        issueStatus = "done";
        NotifyException e = assertThrows(NotifyException.class, () -> notifier.send(render(c, false), Duration.ofSeconds(10)));
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("can't find transition Reopen"), e.getMessage());
    }

    @Test
    void aResolvedGroupWithoutAnIssueFilesNothing() throws Exception {
        JiraNotifier notifier = new JiraNotifier(HttpJsonNotifier.withDefaults(), Clock.systemUTC(), noWait(), Duration.ofMillis(1),
                Duration.ofMillis(2));
        notifier.send(render(integrations().get("jira"), true), Duration.ofSeconds(10));
        assertEquals(List.of("POST /rest/api/2/search"), calls());
    }

    @Test
    void jiraCloudSearchesWithTheV3JqlEndpoint() {
        assertEquals("https://acme.atlassian.net/rest/api/3/search/jql", JiraPayloads.searchUrl("https://acme.atlassian.net/rest/api/2", "auto"));
        assertEquals("https://jira.acme.local/rest/api/2/search", JiraPayloads.searchUrl("https://jira.acme.local/rest/api/2", "auto"));
        assertEquals("https://jira.acme.local/rest/api/3/search/jql", JiraPayloads.searchUrl("https://jira.acme.local/rest/api/2", "cloud"));
        assertEquals("https://acme.atlassian.net/rest/api/2/search", JiraPayloads.searchUrl("https://acme.atlassian.net/rest/api/2", "datacenter"));
    }

    private List<String> calls() {
        return requests.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    private static List<String> names(JsonNode o) {
        List<String> n = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(n::add);
        return n;
    }
}
