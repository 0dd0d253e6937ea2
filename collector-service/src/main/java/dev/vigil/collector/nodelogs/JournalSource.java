package dev.vigil.collector.nodelogs;

import dev.vigil.collector.logs.LogLine;
import dev.vigil.collector.logs.LogSink;
import dev.vigil.model.Labels;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The systemd journal of a Linux node. Each poll runs {@code journalctl -o json --all} from the
 * last acknowledged {@code __CURSOR} ({@code --after-cursor}) or, on first start, from
 * {@link NodeLogConfig#maxAge()} ago, and reads until journalctl exits. A one-shot query per
 * poll rather than one {@code --follow} process keeps the bookmark the single source of truth: a
 * failed delivery or a restart simply queries again from it. A cursor the journal no longer
 * knows (vacuumed) is dropped and reading restarts from {@code maxAge} ago.
 *
 * <p>Labels: {@code job="node-journal"}, {@code unit} ({@code _SYSTEMD_UNIT}), {@code level},
 * {@code node}, {@code os}.
 */
public final class JournalSource extends PollingSource {
    public static final String JOB = "node-journal";
    static final String CURSOR = "journal.cursor";
    private static final Logger LOG = Logger.getLogger(JournalSource.class);

    private final NodeLogConfig config;
    private final LogSink sink;
    private final CommandRunner runner;
    private final Clock clock;

    public JournalSource(NodeLogConfig config, LogSink sink, CommandRunner runner, Clock clock) {
        super(config.pollInterval(), "vigil-journal");
        this.config = config;
        this.sink = sink;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public int pollOnce() throws IOException {
        Bookmarks bookmarks = Bookmarks.load(config.bookmarkFile());
        Optional<String> cursor = bookmarks.get(CURSOR);
        List<String> command = new ArrayList<>(List.of(config.journalctl(), "-o", "json", "--all", "--no-pager", "-q"));
        config.journalDirectory().ifPresent(d -> command.add("--directory=" + d));
        command.add(cursor.map(c -> "--after-cursor=" + c)
                .orElseGet(() -> "--since=@" + clock.instant().minus(config.maxAge()).getEpochSecond()));
        AckedBatches batches = new AckedBatches(sink, config.maxBatch(), config.commandTimeout(), c -> bookmarks.put(CURSOR, c));
        int[] read = {0};
        CommandRunner.Result result = runner.run(command, out -> {
            int skipped = JournalParser.parse(out, e -> {
                read[0]++;
                batches.add(toLine(e), e.cursor());
            });
            if (skipped > 0) {
                LOG.warn("skipped " + skipped + " malformed journal lines");
            }
            batches.flush();
        });
        if (result.exitCode() != 0) {
            if (cursor.isPresent() && read[0] == 0) {
                bookmarks.remove(CURSOR);
                throw new IOException("journalctl rejected the saved cursor (" + result.stderr()
                        + "); reading again from " + config.maxAge() + " ago");
            }
            throw new IOException("journalctl exited with " + result.exitCode() + ": " + result.stderr());
        }
        return batches.acknowledged();
    }

    private LogLine toLine(JournalEntry e) {
        Labels labels = Labels.of("job", JOB, "unit", e.unit(), "level", LogLevel.fromSyslogPriority(e.priority()).label(),
                "node", config.node(), "os", config.os().label());
        String message = e.message().endsWith("\n") ? e.message().substring(0, e.message().length() - 1) : e.message();
        return new LogLine(labels, e.realtimeMicros() * 1000L, message);
    }
}
