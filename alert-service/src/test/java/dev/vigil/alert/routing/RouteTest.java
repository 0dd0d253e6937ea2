package dev.vigil.alert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.model.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTest {
    static final Route ROOT = Route.tree(
            AlertmanagerConfigLoader.load(Path.of("src/test/resources/am/alertmanager.yml")).route());

    static Labels labels(String spec) {
        String[] parts = spec.isBlank() ? new String[0] : spec.split(";");
        String[] kv = new String[parts.length * 2];
        for (int i = 0; i < parts.length; i++) {
            String[] p = parts[i].split("=", 2);
            kv[2 * i] = p[0];
            kv[2 * i + 1] = p[1];
        }
        return Labels.of(kv);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", value = {
        "alertname=X;severity=critical;service=foo1 -> ops-pager,team-x-webhook",
        "alertname=X;severity=critical -> ops-pager",
        "service=foo2;severity=warning -> team-x-slack",
        "service=db;env=prod -> team-db-teams",
        "service=db;env=dev -> team-ops-mails",
        "service=cache -> team-db-teams",
        "alertname=Y -> team-ops-mails",
        "service=foo10 -> team-ops-mails",
    })
    void routesFirstMatchWithContinue(String labels, String receivers) {
        String got = ROOT.match(labels(labels)).stream().map(Route::receiver).collect(Collectors.joining(","));
        assertEquals(receivers, got);
    }

    @Test
    void childrenInheritGroupingAndTimersButNotTimeIntervals() {
        Route pager = ROOT.children().get(0);
        Route teamX = ROOT.children().get(1);
        Route teamXWebhook = teamX.children().get(0);
        Route db = ROOT.children().get(2);
        assertEquals(Duration.ofSeconds(10), pager.groupWait());
        assertEquals(Duration.ofMinutes(5), pager.groupInterval());
        assertEquals(Duration.ofHours(3), pager.repeatInterval());
        assertEquals(List.of("alertname", "cluster"), teamXWebhook.groupBy());
        assertEquals(Duration.ofSeconds(30), teamXWebhook.groupWait());
        assertEquals(Duration.ofMinutes(90), teamXWebhook.repeatInterval());
        assertEquals(List.of("weekends"), teamX.muteTimeIntervals());
        assertTrue(teamXWebhook.muteTimeIntervals().isEmpty());
        assertTrue(db.groupByAll());
    }

    @Test
    void keysAreFormattedAsAlertmanagerDoes() {
        assertEquals("{}", ROOT.key());
        assertEquals("{}/{severity=\"critical\"}", ROOT.children().get(0).key());
        assertEquals("{}/{service=~\"^(foo1|foo2|baz)$\"}/{severity=\"critical\"}", ROOT.children().get(1).children().get(0).key());
        assertEquals("{}/{env!=\"dev\",service=~\"db|cache\"}", ROOT.children().get(2).key());
        assertEquals("{}/{env!=\"dev\",service=~\"db|cache\"}/2", ROOT.children().get(2).id());
        Route pager = ROOT.children().get(0);
        assertEquals("{}/{severity=\"critical\"}:{alertname=\"X\", cluster=\"eu\\\"1\"}",
                AggregationGroup.groupKey(pager, pager.groupLabels(labels("alertname=X;cluster=eu\"1;severity=critical"))));
    }

    @Test
    void groupLabelsKeepOnlyGroupByLabelsOrAllForWildcard() {
        Labels l = labels("alertname=X;cluster=eu;service=db;instance=a");
        assertEquals(labels("alertname=X;cluster=eu"), ROOT.groupLabels(l));
        assertEquals(l, ROOT.children().get(2).groupLabels(l));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
        "alertname=HighCPU;instance=a:9100 -> 633ea8867b83bf1a",
        "a=é -> 0019cb2f2449a23e",
    })
    void fingerprintsAreFnv1aOverSortedLabels(String labels, String hex) {
        assertEquals(hex, Fingerprint.hex(Fingerprint.of(labels(labels))));
    }

    @Test
    void emptyLabelSetHasTheFnvOffsetAsFingerprint() {
        assertEquals("cbf29ce484222325", Fingerprint.hex(Fingerprint.of(Labels.EMPTY)));
    }
}
