package dev.vigil.alert.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.config.am.AlertmanagerConfigLoader;
import dev.vigil.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    final ManualClock clock = new ManualClock(T0);
    final List<GroupFlush> flushes = new ArrayList<>();
    boolean succeed = true;

    Dispatcher dispatcher(String yaml) {
        Route root = Route.tree(AlertmanagerConfigLoader.parse(yaml).route());
        return new Dispatcher(root, f -> {
            flushes.add(f);
            return succeed;
        }, clock, List.of());
    }

    static final String CONFIG = """
            route:
              receiver: default
              group_by: [alertname]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
            receivers: [{name: default}]
            """;

    Alert firing(String name, String instance, Instant startsAt) {
        return Alert.received(Labels.of("alertname", name, "instance", instance), Map.of(), Optional.of(startsAt),
                Optional.empty(), "", clock.instant(), Duration.ofMinutes(5));
    }

    Alert resolved(String name, String instance, Instant startsAt) {
        return Alert.received(Labels.of("alertname", name, "instance", instance), Map.of(), Optional.of(startsAt),
                Optional.of(clock.instant()), "", clock.instant(), Duration.ofMinutes(5));
    }

    void at(Duration sinceT0, Dispatcher d) {
        clock.set(T0.plus(sinceT0));
        d.tick();
    }

    @Test
    void firstFlushWaitsGroupWaitThenEveryGroupInterval() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "1", T0));
        assertEquals(Optional.of(T0.plusSeconds(30)), d.nextDeadline());
        at(Duration.ofSeconds(29), d);
        assertTrue(flushes.isEmpty());
        at(Duration.ofSeconds(30), d);
        assertEquals(1, flushes.size());
        assertEquals("{}:{alertname=\"A\"}", flushes.get(0).groupKey());
        clock.set(T0.plusSeconds(40));
        d.receive(firing("A", "2", T0.plusSeconds(40)));
        at(Duration.ofSeconds(329), d);
        assertEquals(1, flushes.size());
        at(Duration.ofSeconds(330), d);
        assertEquals(2, flushes.size());
        assertEquals(2, flushes.get(1).alerts().size());
        at(Duration.ofSeconds(630), d);
        assertEquals(3, flushes.size(), "a group flushes every group_interval; the pipeline decides what to send");
    }

    @Test
    void alertsWithDifferentGroupLabelsFormSeparateGroups() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "1", T0));
        d.receive(firing("B", "1", T0));
        d.receive(firing("A", "2", T0));
        assertEquals(2, d.groups().size());
        at(Duration.ofSeconds(30), d);
        assertEquals(2, flushes.size());
    }

    @Test
    void anAlertOlderThanGroupWaitIsFlushedAtOnce() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "1", T0.minus(Duration.ofHours(1))));
        at(Duration.ZERO, d);
        assertEquals(1, flushes.size());
    }

    @Test
    void resolvedAlertsLeaveTheGroupAfterASuccessfulFlushAndEmptyGroupsAreRemoved() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "1", T0));
        at(Duration.ofSeconds(30), d);
        clock.set(T0.plusSeconds(60));
        d.receive(resolved("A", "1", T0));
        at(Duration.ofSeconds(330), d);
        assertEquals(2, flushes.size());
        assertTrue(flushes.get(1).alerts().get(0).resolvedAt(flushes.get(1).now()));
        assertTrue(d.groups().isEmpty());
        assertEquals(Optional.empty(), d.nextDeadline());
    }

    @Test
    void aFailedFlushKeepsResolvedAlertsForTheNextFlush() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "1", T0));
        at(Duration.ofSeconds(30), d);
        clock.set(T0.plusSeconds(60));
        d.receive(resolved("A", "1", T0));
        succeed = false;
        at(Duration.ofSeconds(330), d);
        assertEquals(1, d.groups().size());
        succeed = true;
        at(Duration.ofSeconds(630), d);
        assertEquals(3, flushes.size());
        assertTrue(d.groups().isEmpty());
    }

    @Test
    void aHandlerThatThrowsFailsOnlyItsOwnFlush() {
        Route root = Route.tree(AlertmanagerConfigLoader.parse(CONFIG).route());
        Dispatcher d = new Dispatcher(root, f -> {
            if (f.groupKey().contains("A")) {
                throw new IllegalStateException("broken receiver");
            }
            flushes.add(f);
            return true;
        }, clock, List.of());
        d.receive(firing("A", "1", T0));
        d.receive(firing("B", "1", T0));
        at(Duration.ofSeconds(30), d);
        assertEquals(1, flushes.size());
        assertEquals(2, d.groups().size());
    }

    @Test
    void anAlertWithoutEndResolvesAfterResolveTimeout() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "1", T0));
        at(Duration.ofSeconds(30), d);
        assertTrue(!flushes.get(0).alerts().get(0).resolvedAt(flushes.get(0).now()));
        at(Duration.ofSeconds(330), d);
        assertTrue(flushes.get(1).alerts().get(0).resolvedAt(flushes.get(1).now()), "5m resolve_timeout passed");
    }

    @Test
    void reSentAlertKeepsItsEarliestStart() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "1", T0));
        clock.set(T0.plusSeconds(60));
        d.receive(firing("A", "1", T0.plusSeconds(60)));
        assertEquals(T0, d.alerts().get(0).startsAt());
    }

    @Test
    void alertsAreOrderedByJobThenInstanceThenLabels() {
        Dispatcher d = dispatcher(CONFIG);
        d.receive(firing("A", "b", T0));
        d.receive(firing("A", "a", T0));
        d.receive(Alert.received(Labels.of("alertname", "A", "zone", "x"), Map.of(), Optional.of(T0), Optional.empty(),
                "", T0, Duration.ofMinutes(5)));
        at(Duration.ofSeconds(30), d);
        List<String> order = flushes.get(0).alerts().stream().map(a -> a.labels().get("instance") + a.labels().get("zone")).toList();
        assertEquals(List.of("a", "b", "x"), order);
    }
}
