package dev.vigil.alert.config.am;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AlertmanagerConfigLoaderTest {

    static AlertmanagerConfig example() {
        return AlertmanagerConfigLoader.load(Path.of("src/test/resources/am/alertmanager.yml"));
    }

    @Test
    void loadsRealisticFileWithRoutesReceiversAndIntervals() {
        AlertmanagerConfig c = example();
        assertEquals(Duration.ofMinutes(5), c.global().resolveTimeout());
        RouteConfig root = c.route();
        assertEquals(Optional.of("team-ops-mails"), root.receiver());
        assertEquals(Optional.of(List.of("alertname", "cluster")), root.groupBy());
        assertEquals(Optional.of(Duration.ofHours(3)), root.repeatInterval());
        assertEquals(3, root.routes().size());
        RouteConfig pager = root.routes().get(0);
        assertTrue(pager.continueMatching());
        assertEquals(List.of(LabelMatcher.equal("severity", "critical")), pager.matchers());
        assertEquals(Optional.of(Duration.ofSeconds(10)), pager.groupWait());
        RouteConfig teamX = root.routes().get(1);
        assertEquals(List.of(new LabelMatcher(MatchType.REGEX, "service", "^(foo1|foo2|baz)$")), teamX.matchers());
        assertEquals(Optional.of(Duration.ofMinutes(90)), teamX.routes().get(0).repeatInterval());
        assertEquals(List.of("weekends"), teamX.muteTimeIntervals());
        RouteConfig db = root.routes().get(2);
        assertEquals(2, db.matchers().size());
        assertEquals(Optional.of(List.of("...")), db.groupBy());
        assertEquals(List.of("business-hours"), db.activeTimeIntervals());

        assertEquals(2, c.inhibitRules().size());
        assertEquals(Set.of("alertname", "cluster", "service"), c.inhibitRules().get(0).equal());
        assertEquals(List.of(new LabelMatcher(MatchType.REGEX, "alertname", ".+")), c.inhibitRules().get(1).targetMatchers());

        assertEquals(6, c.receivers().size());
        EmailConfig mail = c.receiver("team-ops-mails").orElseThrow().emailConfigs().get(0);
        assertEquals("smtp.example.org:587", mail.smarthost());
        assertEquals("alertmanager@example.org", mail.from());
        assertEquals("s3cr3t-smtp", mail.authPassword().value());
        assertEquals("noreply@example.org", mail.headers().get("Reply-To"));
        assertEquals("ops@example.org", mail.headers().get("To"));
        SlackConfig slack = c.receiver("team-x-slack").orElseThrow().slackConfigs().get(0);
        assertEquals("https://hooks.slack.com/services/T000/B000/XXXXSECRET", slack.apiUrl().value());
        assertTrue(slack.sendResolved());
        WebhookConfig hook = c.receiver("team-x-webhook").orElseThrow().webhookConfigs().get(0);
        assertFalse(hook.sendResolved());
        assertTrue(hook.httpConfig().authorizationHeader().orElseThrow().startsWith("Basic "));
        assertEquals(10, c.receiver("ops-pager").orElseThrow().webhookConfigs().get(0).maxAlerts());
        assertTrue(c.receiver("blackhole").orElseThrow().isEmpty());
        assertEquals(List.of("/etc/alertmanager/templates/*.tmpl"), c.templateFiles());
        assertEquals(Set.of("business-hours", "weekends"), c.timeIntervals().keySet());
    }

    @Test
    void secretsAreRedactedInToString() {
        String text = example().toString();
        for (String secret : List.of("s3cr3t-smtp", "XXXXSECRET", "token=abc123", "hook-pass", "webhookb2/secret")) {
            assertFalse(text.contains(secret), () -> "leaked " + secret);
        }
        assertTrue(text.contains("<secret>"));
    }

    @Test
    void timeIntervalsAreEvaluatedInTheirLocation() {
        TimeInterval business = example().timeIntervals().get("business-hours");
        // 2026-11-25 is a Wednesday; Berlin is UTC+1 in November.
        assertTrue(business.contains(Instant.parse("2026-11-25T08:00:00Z")));
        assertFalse(business.contains(Instant.parse("2026-11-25T07:59:00Z")));
        assertFalse(business.contains(Instant.parse("2026-11-25T16:00:00Z")));
        assertFalse(business.contains(Instant.parse("2026-11-28T10:00:00Z")));
        TimeInterval weekends = example().timeIntervals().get("weekends");
        assertTrue(weekends.contains(Instant.parse("2026-11-29T23:59:00Z")));
        assertFalse(weekends.contains(Instant.parse("2026-11-30T00:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ## ", quoteCharacter = '`', value = {
        "undefined receiver ## route: {receiver: nobody}\\nreceivers: [{name: a}] ## undefined receiver \"nobody\" used in route",
        "nested undefined receiver ## route: {receiver: a, routes: [{receiver: b}]}\\nreceivers: [{name: a}] ## undefined receiver \"b\" used in route",
        "missing root receiver ## route: {group_by: [x]}\\nreceivers: [{name: a}] ## root route must specify a default receiver",
        "no route ## receivers: [{name: a}] ## no routes provided",
        "root matchers ## route: {receiver: a, matchers: ['x=\"1\"']}\\nreceivers: [{name: a}] ## root route must not have any matchers",
        "root continue ## route: {receiver: a, continue: true}\\nreceivers: [{name: a}] ## cannot have continue in root route",
        "bad matcher ## route: {receiver: a, routes: [{matchers: ['1x=a']}]}\\nreceivers: [{name: a}] ## bad matcher format: 1x=a",
        "unquoted quote ## route: {receiver: a, routes: [{matchers: ['x=\"a\"b\"']}]}\\nreceivers: [{name: a}] ## matcher value contains unescaped double quote",
        "bad regex ## route: {receiver: a, routes: [{match_re: {x: '(('}}]}\\nreceivers: [{name: a}] ## error parsing regexp: missing closing )",
        "duplicate receiver ## route: {receiver: a}\\nreceivers: [{name: a}, {name: a}] ## notification config name \"a\" is not unique",
        "bad duration ## route: {receiver: a, group_wait: 5 minutes}\\nreceivers: [{name: a}] ## route.group_wait: not a valid duration string: \"5 minutes\"",
        "zero repeat ## route: {receiver: a, repeat_interval: 0s}\\nreceivers: [{name: a}] ## repeat_interval cannot be zero",
        "unknown field ## route: {receiver: a, group_wiat: 1m}\\nreceivers: [{name: a}] ## field group_wiat not found in route",
        "undefined interval ## route: {receiver: a, routes: [{mute_time_intervals: [x]}]}\\nreceivers: [{name: a}] ## undefined time interval \"x\" used in route",
        "wildcard mix ## route: {receiver: a, group_by: ['...', x]}\\nreceivers: [{name: a}] ## cannot have wildcard group_by",
        "slack without url ## route: {receiver: a}\\nreceivers: [{name: a, slack_configs: [{channel: x}]}] ## no Slack API URL nor App token set either inline or in a file",
        "email without smarthost ## route: {receiver: a}\\nreceivers: [{name: a, email_configs: [{to: x@y}]}] ## no global SMTP smarthost set",
        "bad time ## route: {receiver: a}\\nreceivers: [{name: a}]\\ntime_intervals: [{name: t, time_intervals: [{times: [{start_time: '25:00', end_time: '26:00'}]}]}] ## couldn't parse timestamp 25:00",
        "bad equal label ## route: {receiver: a}\\nreceivers: [{name: a}]\\ninhibit_rules: [{equal: ['a-b']}] ## invalid label name \"a-b\" in equal list",
        "bad weekday ## route: {receiver: a}\\nreceivers: [{name: a}]\\ntime_intervals: [{name: t, time_intervals: [{weekdays: [funday]}]}] ## funday is not a valid weekday",
    })
    void rejectsInvalidConfigurationWithAlertmanagersMessage(String name, String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AlertmanagerConfigLoader.parse(yaml.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1h30m | 5400000",
        "0 | 0",
        "250ms | 250",
        "2d | 172800000",
        "1w | 604800000",
        "1y | 31536000000",
    })
    void parsesPrometheusDurations(String text, long millis) {
        assertEquals(millis, PromDuration.parse(text).toMillis());
        assertEquals(millis, PromDuration.parse(PromDuration.format(Duration.ofMillis(millis))).toMillis());
    }

    @Test
    void formatsDurationsLikePrometheus() {
        assertEquals("1h30m", PromDuration.format(Duration.ofMinutes(90)));
        assertEquals("0s", PromDuration.format(Duration.ZERO));
        assertEquals("8d", PromDuration.format(Duration.ofDays(8)));
        assertEquals("2w", PromDuration.format(Duration.ofDays(14)));
    }
}
