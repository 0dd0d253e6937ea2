package dev.vigil.logs.rest;

import dev.vigil.logql.LogResult;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.storage.LogEntry;
import dev.vigil.model.Labels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TailCursorTest {
    private static final Labels A = Labels.of("app", "a");
    private static final Labels B = Labels.of("app", "b");

    private static LogResult result(StreamResult... streams) {
        return new LogResult(List.of(streams));
    }

    private static StreamResult stream(Labels l, LogEntry... entries) {
        return new StreamResult(l, List.of(entries));
    }

    @Test
    void entriesAtTheLastSentTimestampAreNotSentAgainButNewOnesThereAre() {
        TailCursor c = new TailCursor(0);
        assertEquals(List.of(stream(A, new LogEntry(5, "x"), new LogEntry(10, "y"))),
                c.advance(result(stream(A, new LogEntry(5, "x"), new LogEntry(10, "y")))));
        assertEquals(10, c.from());
        // The next poll reads from 10 again: "y" was sent, "z" in another stream at 10 was not.
        assertEquals(List.of(stream(B, new LogEntry(10, "z"))),
                c.advance(result(stream(A, new LogEntry(10, "y")), stream(B, new LogEntry(10, "z")))));
        assertEquals(List.of(), c.advance(result(stream(A, new LogEntry(10, "y")), stream(B, new LogEntry(10, "z")))));
        assertEquals(List.of(stream(A, new LogEntry(11, "w"))),
                c.advance(result(stream(A, new LogEntry(10, "y"), new LogEntry(11, "w")), stream(B, new LogEntry(10, "z")))));
        assertEquals(11, c.from());
    }

    @Test
    void aBackwardFirstBatchIsSentOldestFirst() {
        TailCursor c = new TailCursor(0);
        assertEquals(List.of(stream(A, new LogEntry(1, "old"), new LogEntry(2, "new"))),
                c.advance(result(stream(A, new LogEntry(2, "new"), new LogEntry(1, "old")))));
        assertEquals(2, c.from());
    }

    @Test
    void entriesOlderThanTheCursorAreNotSent() {
        TailCursor c = new TailCursor(100);
        assertEquals(List.of(stream(A, new LogEntry(100, "at"))),
                c.advance(result(stream(A, new LogEntry(99, "before"), new LogEntry(100, "at")))));
    }

    @Test
    void skipToMovesOnlyForwardAndForgetsWhatWasSentAtTheOldTimestamp() {
        TailCursor c = new TailCursor(0);
        c.advance(result(stream(A, new LogEntry(10, "y"))));
        c.skipTo(5);
        assertEquals(10, c.from(), "never backwards");
        assertEquals(List.of(), c.advance(result(stream(A, new LogEntry(10, "y")))), "still remembers what it sent at 10");
        c.skipTo(50);
        assertEquals(50, c.from());
        assertEquals(List.of(stream(A, new LogEntry(50, "late but inside"))),
                c.advance(result(stream(A, new LogEntry(40, "older than the window"), new LogEntry(50, "late but inside")))));
    }
}
