package dev.vigil.alert.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Files {@link JiraIssue}s as Alertmanager's Jira notifier does: search for the group's issue,
 * create it (firing, none found) or update it, then apply the reopen or resolve transition by
 * name. 5xx and 429 answers are tried again; anything else, or a transition that does not exist,
 * fails for good.
 */
public final class JiraNotifier implements Notifier {
    private final HttpJsonNotifier http;
    private final Retrier retrier;

    public JiraNotifier(HttpJsonNotifier http, Clock clock, HttpJsonNotifier.Sleeper sleeper, Duration initialBackoff, Duration maxBackoff) {
        this.http = http;
        this.retrier = new Retrier(clock, sleeper, initialBackoff, maxBackoff);
    }

    /** Real time, the HTTP notifier's clients, 500 ms first backoff doubling up to 30 s. */
    public static JiraNotifier withDefaults(HttpJsonNotifier http) {
        return new JiraNotifier(http, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    @Override
    public void send(Notification notification, Duration timeout) throws NotifyException {
        if (!(notification instanceof JiraIssue issue)) {
            throw new NotifyException(notification.kind() + " notifications are not Jira issues", false);
        }
        retrier.run(issue.integration(), timeout, remaining -> attempt(issue, remaining));
    }

    private void attempt(JiraIssue issue, Duration remaining) throws NotifyException {
        String search = GoJson.write(GoJson.object().<com.fasterxml.jackson.databind.node.ObjectNode>set("fields",
                GoJson.object().arrayNode().add("status")).put("jql", issue.jql()).put("maxResults", 2));
        JsonNode found = json(issue, call(issue, "POST", issue.searchUrl(), search, remaining)).path("issues").path(0);
        if (found.isMissingNode()) {
            if (!issue.resolved()) {
                call(issue, "POST", issue.apiUrl() + "/issue", issue.fieldsJson(), remaining);
            }
            return;
        }
        String key = found.path("key").asText();
        call(issue, "PUT", issue.apiUrl() + "/issue/" + key, issue.fieldsJson(), remaining);
        JsonNode status = found.path("fields").path("status");
        if (status.isMissingNode() || status.isNull()) {
            return; // as Alertmanager: an issue without a status is not moved
        }
        boolean done = status.path("statusCategory").path("key").asText("").equals("done");
        String transition = !issue.resolved() && done ? issue.reopenTransition() : issue.resolved() && !done ? issue.resolveTransition() : "";
        if (transition.isEmpty()) {
            return;
        }
        String url = issue.apiUrl() + "/issue/" + key + "/transitions";
        for (JsonNode t : json(issue, call(issue, "GET", url, null, remaining)).path("transitions")) {
            if (t.path("name").asText().equals(transition)) {
                call(issue, "POST", url, GoJson.write(GoJson.object().set("transition", GoJson.object().put("id", t.path("id").asText()))),
                        remaining);
                return;
            }
        }
        throw new NotifyException(issue.integration() + ": can't find transition " + transition + " for issue " + key, false);
    }

    private String call(JiraIssue issue, String method, String url, String body, Duration remaining) throws NotifyException {
        URI uri = URI.create(url);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(remaining)
                .header("Content-Type", "application/json").header("Accept-Language", "en").header("User-Agent", "Vigil")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        issue.http().authorizationHeader().ifPresent(h -> req.header("Authorization", h));
        HttpResponse<String> resp = HttpJsonNotifier.exchange(issue.integration(), http.clientFor(issue.http()), req.build(), uri);
        int status = resp.statusCode();
        if (status / 100 == 2) {
            return resp.body();
        }
        String failure = "unexpected status code " + status + HttpJsonNotifier.body(resp.body());
        if (status / 100 == 5 || status == 429) {
            throw new NotifyException(failure, true);
        }
        throw new NotifyException(issue.integration() + ": " + failure, false);
    }

    private static JsonNode json(JiraIssue issue, String body) throws NotifyException {
        try {
            return GoJson.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new NotifyException(issue.integration() + ": the answer from Jira is not JSON", false);
        }
    }
}
