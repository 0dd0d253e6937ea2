package dev.vigil.logstore.read;

import dev.vigil.logstore.Direction;
import dev.vigil.logstore.LineFilter;
import dev.vigil.logstore.head.HeadSnapshot;
import dev.vigil.model.Labels;
import java.nio.charset.StandardCharsets;

/** Entries of a snapshot of a stream's open chunk (already cut to the time range). */
final class HeadSource extends EntrySource {
    private final HeadSnapshot snap;
    private final boolean forward;
    private final LineFilter filter;
    private int pos;
    private int current = -1;

    HeadSource(HeadSnapshot snap, Direction direction, LineFilter filter, int order) {
        super(order, direction == Direction.FORWARD ? snap.ts()[0] : snap.ts()[snap.size() - 1]);
        this.snap = snap;
        this.forward = direction == Direction.FORWARD;
        this.filter = filter;
        this.pos = forward ? 0 : snap.size() - 1;
    }

    @Override
    boolean advance() {
        while (pos >= 0 && pos < snap.size()) {
            int i = pos;
            pos += forward ? 1 : -1;
            byte[] line = snap.lines()[i];
            if (filter == LineFilter.ACCEPT_ALL || filter.test(line, 0, line.length)) {
                current = i;
                return true;
            }
        }
        return false;
    }

    @Override
    long ts() {
        return snap.ts()[current];
    }

    @Override
    String line() {
        return new String(snap.lines()[current], StandardCharsets.UTF_8);
    }

    @Override
    Labels metadata() {
        Labels m = snap.meta()[current];
        return m == null ? Labels.EMPTY : m;
    }
}
