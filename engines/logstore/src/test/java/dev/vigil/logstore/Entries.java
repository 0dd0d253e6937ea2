package dev.vigil.logstore;

import dev.vigil.model.Labels;
import java.util.ArrayList;
import java.util.List;

/** Test helper: what a cursor yields, as a list of plain values. */
record Entries(long ts, String line, Labels metadata) {

    static Entries of(long ts, String line) {
        return new Entries(ts, line, Labels.EMPTY);
    }

    static List<Entries> drain(EntryCursor c) {
        List<Entries> out = new ArrayList<>();
        try (c) {
            while (c.next()) {
                out.add(new Entries(c.timestampNanos(), c.line(), c.metadata()));
            }
        }
        return out;
    }

    static List<Entries> read(LogReader r, Labels stream, long from, long to, Direction d) {
        List<StreamRef> refs = r.streams(List.of(new dev.vigil.model.LabelMatcher(dev.vigil.model.MatchType.EQUAL,
                "app", stream.get("app"))), Long.MIN_VALUE, Long.MAX_VALUE);
        for (StreamRef ref : refs) {
            if (ref.labels().equals(stream)) {
                return drain(r.entries(ref, from, to, d));
            }
        }
        return List.of();
    }

    static List<Entries> readAll(LogReader r, Labels stream) {
        return read(r, stream, Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD);
    }
}
