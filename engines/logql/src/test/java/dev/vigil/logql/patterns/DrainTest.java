package dev.vigil.logql.patterns;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DrainTest {
    @Test
    void linesThatDifferInTheirVariablePartsShareOnePattern() {
        Drain d = Drain.withDefaults();
        d.add("level=info msg=\"GET /cart\" took 12ms user=alice", 0);
        d.add("level=info msg=\"GET /cart\" took 15ms user=bob", 0);
        d.add("level=info msg=\"GET /cart\" took 9ms user=carol", 60);
        d.add("connection reset by peer", 60);
        d.add("connection refused by peer", 120);
        List<Drain.Pattern> p = d.patterns();
        assertEquals(List.of("level=info msg=\"GET /cart\" took <_> <_>", "connection <_> by peer"), p.stream().map(Drain.Pattern::text).toList());
        assertEquals(Map.of(0L, 2L, 60L, 1L), p.get(0).counts());
        assertEquals(2, p.get(1).total());
    }

    @Test
    void linesOfOtherShapesStayApart() {
        Drain d = Drain.withDefaults();
        d.add("GET /index.html 200", 0);
        d.add("disk full on /dev/sda1 at 93 percent", 0);
        d.add("2024-05-02T10:15:30Z started worker 3", 0);
        d.add("2024-05-02T10:15:31Z started worker 4", 0);
        assertEquals(List.of("<_> started worker <_>", "GET /index.html 200", "disk full on /dev/sda1 at 93 percent"),
                d.patterns().stream().map(Drain.Pattern::text).toList());
    }

    @Test
    void beyondThePatternLimitLinesAreCountedAsDropped() {
        Drain d = new Drain(0.3, 2);
        d.add("a b c", 0);
        d.add("x y", 0);
        d.add("one two three four", 0);
        assertEquals(2, d.patterns().size());
        assertEquals(1, d.dropped());
    }
}
