package dev.vigil.alert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InhibitorTest {
    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    static Inhibitor inhibitor() {
        return new Inhibitor(AlertmanagerConfigLoader.parse("""
                route: {receiver: a}
                receivers: [{name: a}]
                inhibit_rules:
                  - source_matchers: [severity="critical"]
                    target_matchers: [severity=~"warning|critical"]
                    equal: [alertname, cluster]
                """).inhibitRules());
    }

    static Alert alert(String labels, boolean resolved) {
        return Alert.received(RouteTest.labels(labels), Map.of(), Optional.of(NOW.minusSeconds(60)),
                resolved ? Optional.of(NOW.minusSeconds(1)) : Optional.empty(), "", NOW.minusSeconds(60), Duration.ofMinutes(5));
    }

    @ParameterizedTest(name = "source {0} (resolved {1}) mutes {2}: {3}")
    @CsvSource(delimiterString = " | ", value = {
        "alertname=X;severity=critical;cluster=eu | false | alertname=X;severity=warning;cluster=eu | true",
        "alertname=X;severity=critical;cluster=eu | true | alertname=X;severity=warning;cluster=eu | false",
        "alertname=X;severity=critical;cluster=eu | false | alertname=X;severity=warning;cluster=us | false",
        "alertname=X;severity=critical;cluster=eu | false | alertname=Y;severity=warning;cluster=eu | false",
        "alertname=X;severity=critical;cluster=eu | false | alertname=X;severity=info;cluster=eu | false",
        "alertname=X;severity=critical | false | alertname=X;severity=warning | true",
        "alertname=X;severity=critical;cluster=eu | false | alertname=X;severity=critical;cluster=eu | false",
        "alertname=X;severity=critical;cluster=eu;instance=1 | false | alertname=X;severity=critical;cluster=eu;instance=2 | false",
        "alertname=X;severity=warning;cluster=eu | false | alertname=X;severity=warning;cluster=eu | false",
    })
    void inhibitsTargetsWithEqualLabelsWhileTheSourceFires(String source, boolean resolved, String target, boolean muted) {
        Inhibitor inh = inhibitor();
        inh.stored(alert(source, resolved));
        assertEquals(muted, inh.mutes(RouteTest.labels(target), NOW));
    }
}
