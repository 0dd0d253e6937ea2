package dev.vigil.logstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.MatchType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogStoreReadTest {
    private static final Labels API = Labels.of("app", "api", "namespace", "prod");
    private static final Labels WEB = Labels.of("app", "web", "namespace", "prod", "tier", "fe");
    private static final Labels JOB = Labels.of("app", "batch", "namespace", "jobs");

    @TempDir
    Path dir;

    /** Small chunks so that ranges span several sealed chunks and the open one. */
    private LogStore open() throws IOException {
        return LogStore.open(dir, LogStoreOptions.defaults().withChunkTargetBytes(200));
    }

    private static List<Entries> expected(int fromIdx, int toIdx) {
        List<Entries> out = new ArrayList<>();
        for (int i = fromIdx; i < toIdx; i++) {
            out.add(Entries.of(1000L + 10L * i, "line " + i + (i % 3 == 0 ? " needle" : "")));
        }
        return out;
    }

    private static void fill(LogStore s) {
        for (Entries e : expected(0, 100)) {
            assertEquals(AppendResult.APPENDED, s.append(API, e.ts(), e.line()));
        }
    }

    static Stream<Arguments> ranges() {
        // [from, to) in nanoseconds against entries at 1000 + 10 i
        return Stream.of(
                Arguments.of(Long.MIN_VALUE, Long.MAX_VALUE, 0, 100),
                Arguments.of(1000L, 1010L, 0, 1),
                Arguments.of(1001L, 1010L, 1, 1),
                Arguments.of(1005L, 1500L, 1, 50),
                Arguments.of(1500L, 1501L, 50, 51),
                Arguments.of(1990L, 5000L, 99, 100),
                Arguments.of(0L, 1000L, 0, 0),
                Arguments.of(2000L, 3000L, 0, 0));
    }

    @ParameterizedTest(name = "[{0}, {1})")
    @MethodSource("ranges")
    void forwardAndBackwardReadsRespectRangeBounds(long from, long to, int fromIdx, int toIdx) throws IOException {
        try (LogStore s = open()) {
            fill(s);
            assertTrue(s.stats().chunks() > 3, "test needs several sealed chunks");
            List<Entries> want = expected(fromIdx, toIdx);
            assertEquals(want, Entries.read(s, API, from, to, Direction.FORWARD));
            List<Entries> back = new ArrayList<>(want);
            Collections.reverse(back);
            assertEquals(back, Entries.read(s, API, from, to, Direction.BACKWARD));
        }
    }

    @Test
    void lineFiltersAreAppliedInsideTheScan() throws IOException {
        try (LogStore s = open()) {
            fill(s);
            StreamRef ref = s.streams(List.of(LabelMatcher.equal("app", "api")), 0, Long.MAX_VALUE).get(0);
            List<Entries> needles = Entries.drain(s.entries(ref, 0, Long.MAX_VALUE, Direction.FORWARD,
                    LineFilter.contains("needle")));
            assertEquals(expected(0, 100).stream().filter(e -> e.line().contains("needle")).toList(), needles);
            List<Entries> others = Entries.drain(s.entries(ref, 0, Long.MAX_VALUE, Direction.BACKWARD,
                    LineFilter.notContains("needle").and(LineFilter.contains("line 9"))));
            assertEquals(List.of("line 98", "line 97", "line 95", "line 94", "line 92", "line 91"),
                    others.stream().map(Entries::line).toList());
        }
    }

    @Test
    void blockSearchIgnoresMatchesAcrossLineBoundaries() throws IOException {
        try (LogStore s = open()) {
            s.append(API, 1, "abc ne");
            s.append(API, 2, "edle xyz");
            s.append(API, 3, "a needle here");
            s.append(API, 4, "needle");
            s.flush();
            StreamRef ref = s.streams(List.of(), 0, 10).get(0);
            List<String> got = Entries.drain(s.entries(ref, 0, 10, Direction.FORWARD, LineFilter.contains("needle")))
                    .stream().map(Entries::line).toList();
            assertEquals(List.of("a needle here", "needle"), got);
        }
    }

    @Test
    void metadataIsReturnedWithItsEntry() throws IOException {
        try (LogStore s = open()) {
            Labels meta = Labels.of("trace_id", "0af7651916cd43dd8448eb211c80319c");
            s.append(API, 5, "with metadata", meta);
            s.append(API, 6, "without");
            List<Entries> open = Entries.readAll(s, API);
            s.flush();
            assertEquals(List.of(new Entries(5, "with metadata", meta), Entries.of(6, "without")), open);
            assertEquals(open, Entries.readAll(s, API));
        }
    }

    @Test
    void streamsSeriesAndLabelsFollowMatchersAndTime() throws IOException {
        try (LogStore s = open()) {
            s.append(API, 100, "a");
            s.append(WEB, 200, "b");
            s.append(JOB, 300, "c");
            List<LabelMatcher> prod = List.of(LabelMatcher.equal("namespace", "prod"));
            assertEquals(List.of(API, WEB), s.series(prod, 0, 1000));
            assertEquals(List.of(WEB), s.series(prod, 150, 1000));
            assertEquals(List.of(API), s.series(prod, 0, 200));
            assertEquals(List.of(API, JOB, WEB), s.series(List.of(), 0, 1000));
            assertEquals(List.of("app", "namespace"), s.labelNames(250, 1000));
            assertEquals(List.of("app", "namespace", "tier"), s.labelNames(0, 1000));
            assertEquals(List.of("api", "web"), s.labelValues("app", 0, 1000, prod));
            assertEquals(List.of("batch"), s.labelValues("app", 0, 1000,
                    List.of(new LabelMatcher(MatchType.NOT_EQUAL, "namespace", "prod"))));
            assertEquals(List.of(API.get("app")), s.streams(List.of(new LabelMatcher(MatchType.REGEX, "app", "a.*")),
                    0, 1000).stream().map(r -> r.labels().get("app")).toList());
        }
    }

    @Test
    void indexStatsCountStreamsChunksEntriesAndBytes() throws IOException {
        try (LogStore s = open()) {
            fill(s);
            s.append(WEB, 1000, "0123456789");
            IndexStats all = s.indexStats(List.of(), 0, Long.MAX_VALUE);
            StoreStats st = s.stats();
            assertEquals(2, all.streams());
            assertEquals(101, all.entries());
            assertEquals(st.rawBytes(), all.bytes());
            assertEquals(st.chunks() + 2, all.chunks(), "sealed chunks plus two open heads");
            IndexStats web = s.indexStats(List.of(LabelMatcher.equal("app", "web")), 0, Long.MAX_VALUE);
            assertEquals(new IndexStats(1, 1, 1, 10), web);
            assertEquals(IndexStats.EMPTY, s.indexStats(List.of(LabelMatcher.equal("app", "none")), 0, Long.MAX_VALUE));
        }
    }

    @Test
    void unknownStreamRefReadsNothing() throws IOException {
        try (LogStore s = open()) {
            fill(s);
            assertEquals(List.of(), Entries.drain(s.entries(new StreamRef(42, WEB), 0, Long.MAX_VALUE, Direction.FORWARD)));
            EntryCursor c = s.entries(new StreamRef(0, API), 5000, 6000, Direction.FORWARD);
            assertFalse(c.next());
            assertThrows(java.util.NoSuchElementException.class, c::line);
        }
    }

    @Test
    void emptyLabelSetIsRejected() throws IOException {
        try (LogStore s = open()) {
            assertEquals(AppendResult.EMPTY_LABELS, s.append(Labels.EMPTY, 1, "x"));
            assertEquals(1, s.stats().rejectedInvalid());
            assertEquals(0, s.stats().streams());
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryIsRefused() throws IOException {
        try (LogStore s = open()) {
            IOException e = assertThrows(IOException.class, () -> LogStore.open(dir, LogStoreOptions.defaults()));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        }
    }
}
