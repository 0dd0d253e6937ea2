package dev.vigil.collector.nodelogs;

import dev.vigil.collector.logs.LogLine;
import dev.vigil.collector.logs.LogSink;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The Event Log of a Windows node, one channel after another (System and Application by
 * default). Each poll runs {@code wevtutil qe <channel> /f:RenderedXml /rd:false} with the XPath
 * {@code *[System[EventRecordID>N]]}, N being the last acknowledged record of that channel, or on
 * first start with a {@code timediff} filter of {@link NodeLogConfig#maxAge()}. Record IDs start
 * again after a channel is cleared; when a channel yields nothing and its newest record is below
 * the bookmark, the bookmark goes back to 0.
 *
 * <p>Labels: {@code job="windows-eventlog"}, {@code channel}, {@code level}, {@code node},
 * {@code os}. The line is logfmt: {@code provider=... event_id=... msg=...}.
 */
public final class WindowsEventLogSource extends PollingSource {
    public static final String JOB = "windows-eventlog";
    static final String BOOKMARK_PREFIX = "eventlog.";
    /** Events per wevtutil run; the rest comes at the next poll. */
    static final int EVENTS_PER_QUERY = 5000;

    private final NodeLogConfig config;
    private final LogSink sink;
    private final CommandRunner runner;

    public WindowsEventLogSource(NodeLogConfig config, LogSink sink, CommandRunner runner) {
        super(config.pollInterval(), "vigil-eventlog");
        this.config = config;
        this.sink = sink;
        this.runner = runner;
    }

    @Override
    public int pollOnce() throws IOException {
        Bookmarks bookmarks = Bookmarks.load(config.bookmarkFile());
        int total = 0;
        IOException first = null;
        for (String channel : config.channels()) {
            try {
                total += pollChannel(channel, bookmarks);
            } catch (IOException e) {
                // one broken channel must not starve the others
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return total;
    }

    private int pollChannel(String channel, Bookmarks bookmarks) throws IOException {
        String key = BOOKMARK_PREFIX + channel;
        Optional<Long> after = bookmarks.get(key).map(Long::parseLong);
        String query = after.map(n -> "*[System[EventRecordID>" + n + "]]")
                .orElseGet(() -> "*[System[TimeCreated[timediff(@SystemTime) <= " + config.maxAge().toMillis() + "]]]");
        List<String> command = List.of(config.wevtutil(), "qe", channel, "/f:RenderedXml", "/rd:false",
                "/c:" + EVENTS_PER_QUERY, "/q:" + query);
        AckedBatches batches = new AckedBatches(sink, config.maxBatch(), config.commandTimeout(), id -> bookmarks.put(key, id));
        int[] read = {0};
        CommandRunner.Result result = runner.run(command, out -> {
            WindowsEventParser.parse(out, e -> {
                read[0]++;
                batches.add(toLine(e, channel), Long.toString(e.recordId()));
            });
            batches.flush();
        });
        if (result.exitCode() != 0) {
            throw new IOException("wevtutil qe " + channel + " exited with " + result.exitCode() + ": " + result.stderr());
        }
        if (read[0] == 0 && after.isPresent()) {
            Optional<Long> newest = newestRecord(channel);
            if (newest.isPresent() && newest.get() < after.get()) {
                bookmarks.put(key, "0");
            }
        }
        return batches.acknowledged();
    }

    /** The newest record of a channel, to notice that it was cleared. */
    private Optional<Long> newestRecord(String channel) throws IOException {
        long[] newest = {-1};
        runner.run(List.of(config.wevtutil(), "qe", channel, "/f:xml", "/rd:true", "/c:1"),
                out -> WindowsEventParser.parse(out, e -> newest[0] = e.recordId()));
        return newest[0] < 0 ? Optional.empty() : Optional.of(newest[0]);
    }

    private LogLine toLine(WindowsEvent e, String queriedChannel) {
        String channel = e.channel().isEmpty() ? queriedChannel : e.channel();
        Labels labels = Labels.of("job", JOB, "channel", channel, "level", LogLevel.fromWindowsLevel(e.level()).label(),
                "node", config.node(), "os", config.os().label());
        String line = "provider=" + Logfmt.value(e.provider()) + " event_id=" + e.eventId() + " msg=" + Logfmt.value(e.message());
        return new LogLine(labels, e.timeNanos(), line);
    }
}
