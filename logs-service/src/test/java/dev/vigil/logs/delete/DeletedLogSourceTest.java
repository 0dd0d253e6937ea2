package dev.vigil.logs.delete;

import dev.vigil.logql.Direction;
import dev.vigil.logql.storage.EntryIterator;
import dev.vigil.logql.storage.InMemoryLogSource;
import dev.vigil.logql.storage.LinePredicate;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeletedLogSourceTest {
    private static final long S = 1_000_000_000L;

    private static List<String> read(dev.vigil.logql.storage.LogSource source, Labels stream, Direction d) {
        List<String> out = new ArrayList<>();
        try (EntryIterator it = source.entries(stream, 0, 100 * S, d, LinePredicate.ALL)) {
            it.forEachRemaining(e -> out.add(e.line()));
        }
        return out;
    }

    @Test
    void requestsDeleteTheLinesTheirSelectorFiltersAndRangeKeep() {
        Labels app = Labels.of("job", "app", "env", "prod");
        Labels other = Labels.of("job", "other");
        List<LogEntry> appLines = new ArrayList<>();
        List<LogEntry> otherLines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            appLines.add(new LogEntry(i * S, (i % 2 == 0 ? "password=" : "ok ") + i));
            otherLines.add(new LogEntry(i * S, "password=" + i));
        }
        InMemoryLogSource memory = new InMemoryLogSource().add(app, appLines).add(other, otherLines);
        // lines of job=app with "password" from 1 s to 4 s (both ends included, as Loki's)
        DeleteRequests requests = new DeleteRequests();
        requests.put(new DeleteRequest("t", "a1", "{job=\"app\"} |= \"password\"", 1_000, 4_000, 0));
        var source = DeletedLogSource.of(memory, () -> requests.filters("t"));
        assertEquals(List.of("password=0", "ok 1", "ok 3", "ok 5"), read(source, app, Direction.FORWARD));
        assertEquals(List.of("ok 5", "ok 3", "ok 1", "password=0"), read(source, app, Direction.BACKWARD));
        assertEquals(6, read(source, other, Direction.FORWARD).size(), "another stream is untouched");
        assertEquals(6, read(DeletedLogSource.of(memory, () -> requests.filters("another-tenant")), app, Direction.FORWARD).size(),
                "another tenant's requests delete nothing here");

        requests.put(new DeleteRequest("t", "a2", "{env=\"prod\"} | logfmt | password=\"0\"", 0, 100_000, 0));
        assertEquals(List.of("ok 1", "ok 3", "ok 5"), read(source, app, Direction.FORWARD),
                "a pipeline with parsers and label filters selects too; a request filed later applies to the same source");
        requests.remove(DeleteRequest.key("t", "a1"));
        requests.remove(DeleteRequest.key("t", "a2"));
        assertEquals(6, read(source, app, Direction.FORWARD).size());
    }

    @Test
    void onlyLogQueriesAreDeletionQueries() {
        assertThrows(IllegalArgumentException.class, () -> DeleteFilter.parse("count_over_time({job=\"a\"}[1m])"));
        assertThrows(IllegalArgumentException.class, () -> DeleteFilter.parse("{job="));
        DeleteRequest r = new DeleteRequest("t", "id", "{a=\"b\"}", 1, 2, 3);
        assertEquals(r, DeleteRequest.fromJson(r.toJson()));
        assertThrows(IllegalArgumentException.class, () -> DeleteRequest.fromJson("{}".getBytes()));
    }
}
