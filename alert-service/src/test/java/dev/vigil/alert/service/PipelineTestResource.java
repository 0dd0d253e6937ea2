package dev.vigil.alert.service;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything outside the alert service that its pipeline talks to, as real local servers: a
 * query API whose one series the test switches on and off, an HTTP server that records webhook,
 * Slack and Teams posts, and GreenMail for SMTP (read back over POP3). Writes a rule file with a
 * {@code for: 2s} alert and an alertmanager.yml routing it to all four receivers.
 */
public class PipelineTestResource implements QuarkusTestResourceLifecycleManager {
    /** POP3 login of the mailbox the email receiver sends to. */
    public static final String MAIL_USER = "oncall";
    public static final String MAIL_PASSWORD = "oncall-pw";
    private FakeQueryApi query;
    private RecordingReceiver receiver;
    private GreenMail mail;
    private Path dir;

    @Override
    public Map<String, String> start() {
        query = new FakeQueryApi("{\"__name__\":\"disk_used_ratio\",\"instance\":\"win-1\",\"job\":\"node\"}");
        receiver = new RecordingReceiver();
        int smtp = freePort();
        int pop3 = freePort();
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(smtp, "127.0.0.1", "smtp"), new ServerSetup(pop3, "127.0.0.1", "pop3")});
        mail.setUser("oncall@example.org", MAIL_USER, MAIL_PASSWORD);
        mail.start();
        try {
            dir = Files.createTempDirectory("vigil-alert-pipeline");
            Path rules = dir.resolve("rules.yml");
            Files.writeString(rules, """
                    groups:
                      - name: disks
                        interval: 500ms
                        rules:
                          - alert: DiskAlmostFull
                            expr: disk_used_ratio > 0.9
                            for: 2s
                            labels:
                              severity: warning
                            annotations:
                              summary: "{{ $labels.instance }} disk at {{ $value }}"
                    """);
            Path am = dir.resolve("alertmanager.yml");
            Files.writeString(am, """
                    route:
                      receiver: all
                      group_by: ['alertname']
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: all
                        webhook_configs:
                          - url: '%s'
                            send_resolved: true
                        slack_configs:
                          - api_url: '%s'
                            channel: '#ops'
                            send_resolved: true
                        msteams_configs:
                          - webhook_url: '%s'
                            send_resolved: true
                        email_configs:
                          - to: 'oncall@example.org'
                            from: 'vigil@example.org'
                            smarthost: '127.0.0.1:%d'
                            require_tls: false
                            send_resolved: true
                    """.formatted(receiver.url("/hook"), receiver.url("/slack"), receiver.url("/teams"), smtp));
            return Map.of(
                    "vigil.alert.rule-files", rules.toString(),
                    "vigil.alert.config-file", am.toString(),
                    "vigil.alert.query-url", query.url(),
                    // the answers come from the fake query API, not from vigil.metrics: every rule on the timer
                    "vigil.alert.streaming.enabled", "false",
                    "vigil.alert.external-url", "http://vigil.example.org:9093",
                    "pipeline.receiver-url", receiver.url(""),
                    "pipeline.pop3-port", Integer.toString(pop3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (query != null) {
            query.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
