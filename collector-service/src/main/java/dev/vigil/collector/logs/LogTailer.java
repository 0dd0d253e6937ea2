package dev.vigil.collector.logs;

import dev.vigil.model.Labels;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Follows container logs under the kubelet's pod log root and configured single files by
 * polling (no inotify, so it behaves the same on Windows), and hands the lines to a
 * {@link LogSink} in batches.
 *
 * <p>Rotation: a file renamed away (kubelet, logrotate {@code create}) is read to its end through
 * the handle already open, then the new file at the path is followed from its start; a file
 * whose size dropped below the read offset was copy-truncated and is read again from 0. A
 * truncation followed by more writes than were read before it cannot be told from growth when
 * file identities are inodes; that window is as wide as the poll interval.
 *
 * <p>Delivery is at-least-once: positions advance only past batches the sink acknowledged, in
 * order, and are saved with {@link PositionsFile} after each poll, so a restart resumes at the
 * first unacknowledged line. A file renamed while the collector was down is found again among
 * its old siblings by identity and finished from its saved offset.
 *
 * <p>{@link #pollOnce()} must be called from one thread at a time (as {@link #start()} does);
 * acknowledgements may arrive on any thread.
 */
public final class LogTailer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LogTailer.class);
    /** Bytes read from one file per poll, so one busy container does not starve the others. */
    static final long READ_BUDGET_PER_FILE = 4L * 1024 * 1024;

    private record Checkpoint(String path, FileIdentity identity, long offset, boolean finished) {
    }

    private static final class Pending {
        final int generation;
        final Map<String, Checkpoint> checkpoints;
        boolean acked;

        Pending(int generation, Map<String, Checkpoint> checkpoints) {
            this.generation = generation;
            this.checkpoints = checkpoints;
        }
    }

    private final LogTailerConfig config;
    private final LogSink sink;
    private final Clock clock;
    private final PositionsFile positionsFile;

    // Poll-thread state.
    private final Map<Path, TailedFile> tracked = new LinkedHashMap<>();
    private boolean loaded;
    private ScheduledExecutorService scheduler;

    // Shared with acknowledgement threads, guarded by lock.
    private final Object lock = new Object();
    private final Map<String, FilePosition> committed = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
    private int generation;
    private boolean rewind;
    private boolean dirty;
    private long linesRead;
    private long deliveryFailures;

    public LogTailer(LogTailerConfig config, LogSink sink, Clock clock) {
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.positionsFile = new PositionsFile(config.positionsFile());
    }

    /** Polls every {@link LogTailerConfig#pollInterval()} on a daemon thread of its own, until {@link #close()}. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("log tailer already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-log-tailer");
            t.setDaemon(true);
            return t;
        });
        long millis = config.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, Math.max(1, millis), TimeUnit.MILLISECONDS);
    }

    /**
     * One pass: notices new, rotated, truncated and removed files, reads what was appended,
     * delivers it and saves the acknowledged positions.
     */
    public void pollOnce() throws IOException {
        boolean restart;
        boolean full;
        synchronized (lock) {
            restart = rewind || !loaded;
            if (rewind) {
                rewind = false;
                pending.clear();
                generation++;
            }
            full = pending.size() >= config.maxPendingBatches();
        }
        Batches batches = new Batches();
        Map<Path, Labels> wanted = discover();
        if (restart) {
            closeTracked();
            if (!loaded) {
                loadPositions();
                loaded = true;
            }
            recoverRenamed(wanted, batches);
        }
        if (!full) {
            followTracked(batches);
            openNew(wanted, batches);
        }
        deliver(batches.sealAll());
        savePositionsIfChanged();
    }

    /** The acknowledged positions, as they would be saved now. */
    public List<FilePosition> positions() {
        synchronized (lock) {
            return List.copyOf(committed.values());
        }
    }

    /** Lines read and handed to the sink so far (redeliveries included). */
    public long linesRead() {
        synchronized (lock) {
            return linesRead;
        }
    }

    /** Batches the sink failed to deliver so far; each makes the tailer re-read from the acknowledged positions. */
    public long deliveryFailures() {
        synchronized (lock) {
            return deliveryFailures;
        }
    }

    /** Stops polling, saves the acknowledged positions and closes the files. */
    @Override
    public void close() throws IOException {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        savePositionsIfChanged();
        closeTracked();
    }

    private void pollQuietly() {
        try {
            pollOnce();
        } catch (IOException | RuntimeException e) {
            LOG.warn("log tailing poll failed; retrying at the next poll", e);
        }
    }

    /** The files that should be followed now, with their labels. */
    private Map<Path, Labels> discover() {
        Map<Path, Labels> out = new LinkedHashMap<>();
        for (LogFileTarget target : config.files()) {
            if (Files.isRegularFile(target.path())) {
                out.put(target.path(), target.labels().toBuilder()
                        .set("node", config.node()).set("os", config.os().label()).build());
            }
        }
        config.podLogRoot().ifPresent(root -> discoverPods(Path.of(root), out));
        return out;
    }

    private void discoverPods(Path root, Map<Path, Labels> out) {
        for (Path podDir : list(root)) {
            for (Path containerDir : list(podDir)) {
                for (Path file : list(containerDir)) {
                    List<String> rel = List.of(podDir.getFileName().toString(), containerDir.getFileName().toString(),
                            file.getFileName().toString());
                    Optional<PodLogPath> parsed = PodLogPath.parseRelative(rel);
                    if (parsed.isPresent() && Files.isRegularFile(file)) {
                        PodLogPath p = parsed.get();
                        out.put(file, Labels.of("namespace", p.namespace(), "pod", p.pod(), "container", p.container(),
                                "node", config.node(), "os", config.os().label()));
                    }
                }
            }
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException e) {
            LOG.debug("cannot list " + dir, e);
        }
        out.sort(null);
        return out;
    }

    private void loadPositions() throws IOException {
        List<FilePosition> saved;
        try {
            saved = positionsFile.load();
        } catch (IOException e) {
            // Re-reading every file is better than tailing nothing; the log store drops the duplicates.
            Path aside = positionsFile.path().resolveSibling(positionsFile.path().getFileName() + ".corrupt-" + clock.millis());
            Files.move(positionsFile.path(), aside);
            LOG.warn(e.getMessage() + "; moved it to " + aside + " and reading every file from its start");
            saved = List.of();
        }
        synchronized (lock) {
            committed.clear();
            for (FilePosition p : saved) {
                committed.put(p.identity().key(), p);
            }
        }
    }

    /**
     * Saved positions whose file is no longer at its path were renamed (rotated) while nobody
     * was reading them, or before their last lines were acknowledged: finish them from the
     * saved offset if they are still beside their old path, forget them otherwise.
     */
    private void recoverRenamed(Map<Path, Labels> wanted, Batches batches) throws IOException {
        List<FilePosition> saved = positions();
        for (FilePosition pos : saved) {
            Path at = Path.of(pos.path());
            if (wanted.containsKey(at) && config.identity().matches(pos.identity(), at)) {
                continue;
            }
            Optional<Path> moved = list(at.toAbsolutePath().getParent()).stream()
                    .filter(p -> Files.isRegularFile(p) && config.identity().matches(pos.identity(), p))
                    .findFirst();
            Labels labels = wanted.getOrDefault(at, Labels.of("node", config.node(), "os", config.os().label()));
            if (moved.isPresent() && Files.size(moved.get()) >= pos.offset()) {
                try (TailedFile old = new TailedFile(moved.get(), labels, pos.identity(), pos.offset(),
                        config.maxLineBytes(), clock)) {
                    old.finish(e -> batches.add(old, e));
                    batches.finished(old);
                }
            } else {
                batches.forget(pos);
            }
        }
    }

    private void followTracked(Batches batches) throws IOException {
        for (TailedFile file : new ArrayList<>(tracked.values())) {
            Path path = file.path();
            if (!config.identity().matches(file.identity(), path)) {
                // Renamed away or deleted: what is left is read through the open handle.
                file.finish(e -> batches.add(file, e));
                batches.finished(file);
                tracked.remove(path);
                file.close();
                continue;
            }
            if (file.size() < file.readOffset()) {
                file.rewindTo(0);
            }
            refreshFingerprint(file);
            file.read(READ_BUDGET_PER_FILE, e -> batches.add(file, e));
        }
    }

    private void openNew(Map<Path, Labels> wanted, Batches batches) throws IOException {
        for (Map.Entry<Path, Labels> w : wanted.entrySet()) {
            Path path = w.getKey();
            if (tracked.containsKey(path)) {
                continue;
            }
            Optional<FileIdentity> id = config.identity().read(path);
            if (id.isEmpty()) {
                continue;
            }
            long offset = savedOffset(id.get(), path);
            TailedFile file;
            try {
                file = new TailedFile(path, w.getValue(), id.get(), offset, config.maxLineBytes(), clock);
            } catch (IOException e) {
                LOG.warn("cannot open log file " + path + "; retrying at the next poll", e);
                continue;
            }
            tracked.put(path, file);
            file.read(READ_BUDGET_PER_FILE, e -> batches.add(file, e));
        }
    }

    private long savedOffset(FileIdentity id, Path path) throws IOException {
        FilePosition pos;
        synchronized (lock) {
            pos = committed.get(id.key());
        }
        if (pos == null || !config.identity().matches(pos.identity(), path)) {
            return 0;
        }
        return pos.offset() <= Files.size(path) ? pos.offset() : 0;
    }

    /** A fingerprint taken while the file was short is extended as the file grows. */
    private void refreshFingerprint(TailedFile file) {
        FileIdentity id = file.identity();
        if (id.fingerprintLength() > 0 && id.fingerprintLength() < FileIdentityReader.FINGERPRINT_BYTES
                || id.key().startsWith("ctime:") && id.fingerprintLength() == 0) {
            config.identity().read(file.path())
                    .filter(now -> now.key().equals(id.key()) && now.fingerprintLength() > id.fingerprintLength())
                    .ifPresent(file::identity);
        }
    }

    private void deliver(List<Batch> sealed) {
        for (Batch batch : sealed) {
            Pending p;
            synchronized (lock) {
                if (rewind) {
                    return;
                }
                p = new Pending(generation, batch.checkpoints);
                pending.addLast(p);
                linesRead += batch.lines.size();
            }
            if (batch.lines.isEmpty()) {
                acknowledge(p, null);
                continue;
            }
            CompletionStage<Void> stage;
            try {
                stage = sink.deliver(List.copyOf(batch.lines));
            } catch (RuntimeException e) {
                acknowledge(p, e);
                continue;
            }
            stage.whenComplete((ok, err) -> acknowledge(p, err));
        }
    }

    private void acknowledge(Pending p, Throwable error) {
        synchronized (lock) {
            if (p.generation != generation) {
                return;
            }
            if (error != null) {
                deliveryFailures++;
                rewind = true;
                LOG.warn("log delivery failed; re-reading from the acknowledged positions", error);
                return;
            }
            p.acked = true;
            while (!pending.isEmpty() && pending.peekFirst().acked) {
                for (Checkpoint c : pending.pollFirst().checkpoints.values()) {
                    if (c.finished()) {
                        committed.remove(c.identity().key());
                    } else {
                        committed.put(c.identity().key(), new FilePosition(c.path(), c.identity(), c.offset()));
                    }
                }
                dirty = true;
            }
        }
    }

    private void savePositionsIfChanged() throws IOException {
        List<FilePosition> snapshot;
        synchronized (lock) {
            if (!dirty) {
                return;
            }
            dirty = false;
            snapshot = List.copyOf(committed.values());
        }
        try {
            positionsFile.save(snapshot);
        } catch (IOException e) {
            synchronized (lock) {
                dirty = true;
            }
            throw e;
        }
    }

    private void closeTracked() throws IOException {
        for (TailedFile f : tracked.values()) {
            f.close();
        }
        tracked.clear();
    }

    private static final class Batch {
        final List<LogLine> lines = new ArrayList<>();
        final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
    }

    /** Lines and checkpoints of one poll, cut into batches of at most maxBatchLines lines. */
    private final class Batches {
        private final List<Batch> sealed = new ArrayList<>();
        private Batch current = new Batch();

        void add(TailedFile file, TailedFile.Emitted e) {
            if (current.lines.size() >= config.maxBatchLines()) {
                sealed.add(current);
                current = new Batch();
            }
            current.lines.add(e.line());
            checkpoint(new Checkpoint(file.path().toString(), file.identity(), e.checkpoint(), false));
        }

        void finished(TailedFile file) {
            checkpoint(new Checkpoint(file.path().toString(), file.identity(), file.readOffset(), true));
        }

        void forget(FilePosition pos) {
            checkpoint(new Checkpoint(pos.path(), pos.identity(), pos.offset(), true));
        }

        private void checkpoint(Checkpoint c) {
            // Re-inserting keeps a finished file's removal after a new file's update when both share a key.
            current.checkpoints.remove(c.identity().key());
            current.checkpoints.put(c.identity().key(), c);
        }

        List<Batch> sealAll() {
            if (!current.lines.isEmpty() || !current.checkpoints.isEmpty()) {
                sealed.add(current);
                current = new Batch();
            }
            return sealed;
        }
    }
}
