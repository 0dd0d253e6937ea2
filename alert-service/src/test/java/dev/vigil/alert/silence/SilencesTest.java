package dev.vigil.alert.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.alert.config.am.MatcherParser;
import dev.vigil.alert.routing.ManualClock;
import dev.vigil.model.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilencesTest {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    final ManualClock clock = new ManualClock(T0);
    final AtomicInteger seq = new AtomicInteger();
    final Silences silences = new Silences(clock, () -> "s" + seq.incrementAndGet(), Duration.ofHours(1));

    static Silence request(String id, String matchers, Instant start, Instant end) {
        return new Silence(id, MatcherParser.parseList(matchers), start, end, T0, "ops", "maintenance");
    }

    @ParameterizedTest(name = "{0} silences {1}: {2}")
    @CsvSource(delimiterString = " | ", value = {
        "alertname=\"X\" | alertname=X;instance=1 | true",
        "alertname=\"X\" | alertname=Y | false",
        "alertname=~\"X|Y\",env!=\"prod\" | alertname=Y;env=dev | true",
        "alertname=~\"X|Y\",env!=\"prod\" | alertname=Y;env=prod | false",
        "alertname=\"X\",team=\"\" | alertname=X | true",
        "alertname=\"X\",team=\"\" | alertname=X;team=a | false",
        "instance!~\"a.*\",alertname=\"X\" | alertname=X;instance=b1 | true",
    })
    void activeSilencesMuteMatchingLabels(String matchers, String labels, boolean muted) {
        silences.set(request("", matchers, T0, T0.plusSeconds(3600)));
        assertEquals(muted, silences.mutes(labels(labels), T0));
    }

    static Labels labels(String spec) {
        List<String> kv = new java.util.ArrayList<>();
        for (String p : spec.split(";")) {
            String[] x = p.split("=", 2);
            kv.add(x[0]);
            kv.add(x[1]);
        }
        return Labels.of(kv.toArray(new String[0]));
    }

    @Test
    void silencesMoveFromPendingToActiveToExpired() {
        Silence s = silences.set(request("", "a=\"1\"", T0.plusSeconds(60), T0.plusSeconds(120)));
        assertEquals(SilenceState.PENDING, s.state(T0));
        assertFalse(silences.mutes(labels("a=1"), T0));
        assertEquals(SilenceState.ACTIVE, s.state(T0.plusSeconds(60)));
        assertTrue(silences.mutes(labels("a=1"), T0.plusSeconds(60)));
        assertEquals(SilenceState.EXPIRED, s.state(T0.plusSeconds(120)));
        assertFalse(silences.mutes(labels("a=1"), T0.plusSeconds(120)));
    }

    @Test
    void startInThePastIsMovedToNow() {
        Silence s = silences.set(request("", "a=\"1\"", T0.minusSeconds(600), T0.plusSeconds(60)));
        assertEquals(T0, s.startsAt());
        assertEquals("s1", s.id());
    }

    @Test
    void extendingAnActiveSilenceUpdatesItInPlace() {
        Silence s = silences.set(request("", "a=\"1\"", T0, T0.plusSeconds(60)));
        clock.advance(Duration.ofSeconds(10));
        Silence extended = silences.set(request(s.id(), "a=\"1\"", T0, T0.plusSeconds(600)));
        assertEquals(s.id(), extended.id());
        assertEquals(T0.plusSeconds(600), extended.endsAt());
        assertEquals(1, silences.all().size());
    }

    @Test
    void changingMatchersOfAnActiveSilenceExpiresItAndCreatesANewOne() {
        Silence s = silences.set(request("", "a=\"1\"", T0, T0.plusSeconds(60)));
        clock.advance(Duration.ofSeconds(10));
        Silence replaced = silences.set(request(s.id(), "a=\"2\"", T0, T0.plusSeconds(60)));
        assertNotEquals(s.id(), replaced.id());
        assertEquals(SilenceState.EXPIRED, silences.get(s.id()).orElseThrow().state(clock.instant()));
        assertEquals(clock.instant(), silences.get(s.id()).orElseThrow().endsAt());
    }

    @Test
    void expiringAPendingSilenceMovesBothEndsToNow() {
        Silence s = silences.set(request("", "a=\"1\"", T0.plusSeconds(60), T0.plusSeconds(120)));
        Silence e = silences.expire(s.id());
        assertEquals(T0, e.startsAt());
        assertEquals(T0, e.endsAt());
        SilenceException again = assertThrows(SilenceException.class, () -> silences.expire(s.id()));
        assertEquals("silence s1 already expired", again.getMessage());
        assertTrue(assertThrows(SilenceException.class, () -> silences.expire("nope")).notFound());
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " | ", value = {
        "a=\"\" | at least one matcher must not match the empty string",
        "a=~\".*\",b!=\"x\" | at least one matcher must not match the empty string",
    })
    void rejectsSilencesThatWouldMatchEverything(String matchers, String message) {
        SilenceException e = assertThrows(SilenceException.class,
                () -> silences.set(request("", matchers, T0, T0.plusSeconds(60))));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsBadTimesAndUnknownIds() {
        assertEquals("end time must not be before start time", assertThrows(SilenceException.class,
                () -> silences.set(request("", "a=\"1\"", T0.plusSeconds(60), T0))).getMessage());
        assertEquals("silence x not found", assertThrows(SilenceException.class,
                () -> silences.set(request("x", "a=\"1\"", T0, T0.plusSeconds(60)))).getMessage());
    }

    @Test
    void gcDropsSilencesExpiredLongerThanRetention() {
        Silence s = silences.set(request("", "a=\"1\"", T0, T0.plusSeconds(60)));
        clock.advance(Duration.ofMinutes(30));
        assertTrue(silences.gc().isEmpty());
        clock.advance(Duration.ofMinutes(32));
        assertEquals(List.of(s.id()), silences.gc());
        assertTrue(silences.all().isEmpty());
    }

    @Test
    void jsonRoundTripAndRestore() {
        Silence s = silences.set(request("", "a=~\"x|y\",b!=\"2\",c!~\"z\",d=\"q\\\"\"", T0, T0.plusSeconds(60)));
        String json = SilenceCodec.toJson(s);
        assertTrue(json.contains("\"isRegex\":true"));
        Silence back = SilenceCodec.fromJson(json);
        assertEquals(s, back);
        Silences fresh = new Silences(clock);
        fresh.restore(List.of(back));
        assertTrue(fresh.mutes(labels("a=x;d=q\""), T0));
        assertThrows(IllegalArgumentException.class, () -> SilenceCodec.fromJson("{\"id\":1}"));
    }
}
