package dev.vigil.metrics.fanout;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.series.SelectHints;
import dev.vigil.series.Series;
import dev.vigil.series.Storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.vigil.series.Partitions;
import dev.vigil.promql.eval.QueryExecutionException;
import dev.vigil.promql.eval.QueryTimeoutException;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Every series of the cluster: this instance's partitions plus, fetched in parallel, the raw
 * series of every peer's partitions. PromQL is evaluated here, on the merged series, so
 * aggregations across partitions are exact. While partitions move between instances two owners
 * may briefly answer for one series; the local copy wins, then the first peer's.
 */
public final class FanoutStorage implements Storage {
    private final Storage local;
    private final PeerDirectory peers;
    private final PeerClient client;
    private final boolean pushdown;

    public FanoutStorage(Storage local, PeerDirectory peers, PeerClient client) {
        this(local, peers, client, true);
    }

    /** {@code pushdown}: offer the evaluator {@link #partitioning()}, so per-series functions run where the series are. */
    public FanoutStorage(Storage local, PeerDirectory peers, PeerClient client, boolean pushdown) {
        this.local = local;
        this.peers = peers;
        this.client = client;
        this.pushdown = pushdown;
    }

    @Override
    public Optional<Partitions> partitioning() {
        if (!pushdown) {
            return Optional.empty();
        }
        return Optional.of(new Partitions() {
            @Override
            public Storage local() {
                return local;
            }

            @Override
            public CompletableFuture<Answer> evaluateElsewhere(String expr, String tenant, long startMs, long endMs, long stepMs,
                                                               long lookbackDeltaMs, long maxSamples, long timeoutMs) {
                List<String> hosts = peers.peers();
                if (hosts.isEmpty()) {
                    return CompletableFuture.completedFuture(new Answer(List.of(), 0));
                }
                byte[] body = Wire.encodeEvaluate(new EvaluateRequest(expr, tenant == null ? "" : tenant, startMs, endMs, stepMs,
                        lookbackDeltaMs, maxSamples, timeoutMs));
                List<CompletableFuture<Answer>> answers = new ArrayList<>(hosts.size());
                for (String h : hosts) {
                    answers.add(client.post(h, InternalApi.EVALUATE, body).thenApply(Wire::decodeEvaluated));
                }
                return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).handle((ok, err) -> {
                    List<Series> all = new ArrayList<>();
                    long samples = 0;
                    for (CompletableFuture<Answer> f : answers) {
                        Answer a = joinEvaluated(f);
                        all.addAll(a.series());
                        samples += a.samplesLoaded();
                    }
                    return new Answer(all, samples);
                });
            }
        });
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers) {
        return select(mint, maxt, matchers, SelectHints.NONE);
    }

    @Override
    public List<Series> select(long mint, long maxt, List<LabelMatcher> matchers, SelectHints hints) {
        List<CompletableFuture<List<Series>>> remote = ask(InternalApi.SELECT,
                new SelectRequest(mint, maxt, matchers, hints, ""), Wire::decodeSeries);
        Map<Labels, Series> merged = new TreeMap<>();
        for (Series s : local.select(mint, maxt, matchers, hints)) {
            merged.put(s.labels(), s);
        }
        for (CompletableFuture<List<Series>> f : remote) {
            for (Series s : join(f)) {
                merged.putIfAbsent(s.labels(), s);
            }
        }
        return new ArrayList<>(merged.values());
    }

    @Override
    public List<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        List<CompletableFuture<List<String>>> remote = ask(InternalApi.LABEL_NAMES,
                new SelectRequest(mint, maxt, matchers, SelectHints.NONE, ""), Wire::decodeStrings);
        return union(local.labelNames(mint, maxt, matchers), remote);
    }

    @Override
    public List<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        List<CompletableFuture<List<String>>> remote = ask(InternalApi.LABEL_VALUES,
                new SelectRequest(mint, maxt, matchers, SelectHints.NONE, name), Wire::decodeStrings);
        return union(local.labelValues(name, mint, maxt, matchers), remote);
    }

    private <T> List<CompletableFuture<T>> ask(String path, SelectRequest request, Function<byte[], T> decode) {
        List<String> hosts = peers.peers();
        if (hosts.isEmpty()) {
            return List.of();
        }
        byte[] body = Wire.encodeRequest(request);
        List<CompletableFuture<T>> out = new ArrayList<>(hosts.size());
        for (String h : hosts) {
            out.add(client.post(h, path, body).thenApply(decode));
        }
        return out;
    }

    private static List<String> union(List<String> local, List<CompletableFuture<List<String>>> remote) {
        TreeSet<String> all = new TreeSet<>(local);
        for (CompletableFuture<List<String>> f : remote) {
            all.addAll(join(f));
        }
        return List.copyOf(all);
    }

    /**
     * A peer's evaluation, or its error as the query's own: its execution error (422) or timeout,
     * an older instance without the endpoint (404) as {@link UnsupportedOperationException} so the
     * evaluator reads raw series instead, anything else as an unavailable instance.
     */
    private static Partitions.Answer joinEvaluated(CompletableFuture<Partitions.Answer> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PeerUnavailableException p) {
                if (p.status() == 422) {
                    throw new QueryExecutionException(p.body());
                }
                if (p.status() == 503 && p.body().startsWith(InternalResource.TIMEOUT)) {
                    throw new QueryTimeoutException("query execution");
                }
                if (p.status() == 404) {
                    throw new UnsupportedOperationException(p.getMessage());
                }
            }
            return join(f);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PeerUnavailableException p) {
                throw p;
            }
            throw new PeerUnavailableException("fan-out answer could not be read: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
