package dev.vigil.logs.rest;

import dev.vigil.logql.Direction;
import dev.vigil.logql.LogResult;
import dev.vigil.logql.LogqlEngine;
import dev.vigil.logql.LogqlOptions;
import dev.vigil.logql.StreamResult;
import dev.vigil.logql.parser.Expr;
import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.storage.LogSource;
import dev.vigil.logs.config.LogsConfig;
import dev.vigil.logs.delete.DeleteRequestsTopic;
import dev.vigil.logs.delete.DeletedLogSource;
import dev.vigil.logs.query.QueryLogSource;
import dev.vigil.logs.query.TenantLogSource;
import dev.vigil.model.tenant.Tenants;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loki's live tail, {@code GET /loki/api/v1/tail} upgraded to a WebSocket: first the newest
 * {@code limit} entries since {@code start}, then every new entry of the log query as it becomes
 * queryable. The store is polled every {@value #POLL_MILLIS} ms from the newest timestamp sent;
 * {@code delay_for} holds entries back that many seconds so late lines of other streams can
 * still be sent in order.
 */
@ApplicationScoped
public class TailRoute {
    static final String PATH = "/loki/api/v1/tail";
    static final long POLL_MILLIS = 200;
    private static final Logger LOG = Logger.getLogger(TailRoute.class);
    private static final long HOUR = 3_600_000_000_000L;
    private static final int MAX_DELAY_SECONDS = 5;
    private static final int DEFAULT_LIMIT = 100;
    private static final short INTERNAL_ERROR = 1011;

    private final QueryLogSource source;
    private final DeleteRequestsTopic deletes;
    private final LogsConfig config;
    private final Vertx vertx;
    private final AtomicInteger open = new AtomicInteger();

    public TailRoute(QueryLogSource source, LogsConfig config, Vertx vertx, DeleteRequestsTopic deletes) {
        this.source = source;
        this.deletes = deletes;
        this.config = config;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext ctx) {
        Request req;
        try {
            req = request(ctx);
        } catch (LokiError e) {
            reject(ctx, e.status(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            reject(ctx, 400, e.getMessage());
            return;
        }
        int max = config.tail().maxConcurrent();
        int now = open.incrementAndGet();
        if (now > max) {
            open.decrementAndGet();
            reject(ctx, 400, "max concurrent tail requests limit exceeded, count > limit (" + now + " > " + max
                    + ") (vigil.logs.tail.max-concurrent)");
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> stream(ws, req))
                .onFailure(e -> {
                    open.decrementAndGet();
                    reject(ctx, 400, "live tail needs a WebSocket upgrade: " + e.getMessage());
                });
    }

    private Request request(RoutingContext ctx) {
        String q = ctx.request().getParam("query");
        if (q == null || q.isBlank()) {
            throw LokiError.badRequest("query parameter is required");
        }
        Expr e = new LogqlEngine(LogqlOptions.DEFAULTS).parse(q);
        if (!(e instanceof LogSelectorExpr selector)) {
            throw LokiError.badRequest("only log queries can be tailed, got a metric query: " + q);
        }
        String delay = ctx.request().getParam("delay_for");
        int delaySeconds = delay == null || delay.isEmpty() ? 0 : parseDelay(delay);
        if (delaySeconds > MAX_DELAY_SECONDS) {
            throw LokiError.badRequest("delay_for can't be greater than " + MAX_DELAY_SECONDS);
        }
        int limit = LokiParams.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT);
        if (limit > config.maxEntriesLimit()) {
            throw LokiError.badRequest("max entries limit per tail exceeded, limit > max_entries_limit_per_query (" + limit + " > "
                    + config.maxEntriesLimit() + ")");
        }
        long start = LokiParams.timeNanos("start", ctx.request().getParam("start"), nowNanos() - HOUR);
        start = Math.max(start, nowNanos() - config.tail().maxLookback().toNanos());
        // the tenant's streams only: the auth filter has settled X-Scope-OrgID before this route
        String tenant = Tenants.of(ctx.request().getHeader(Tenants.HEADER));
        // a tail is a query, and leaves out what the tenant's deletion requests delete, those filed while it runs too
        DeleteResource.requireLoaded(deletes);
        LogSource tenantSource = DeletedLogSource.of(new TenantLogSource(source, tenant), () -> deletes.requests().filters(tenant));
        return new Request(selector, delaySeconds * 1_000_000_000L, limit, start, tenantSource);
    }

    private static int parseDelay(String s) {
        try {
            int d = Integer.parseInt(s);
            if (d < 0) {
                throw LokiError.badRequest("delay_for must not be negative: " + s);
            }
            return d;
        } catch (NumberFormatException e) {
            throw LokiError.badRequest("invalid delay_for '" + s + "': expected whole seconds");
        }
    }

    private void stream(ServerWebSocket ws, Request req) {
        Tail tail = new Tail(ws, req);
        long timer = vertx.setPeriodic(1, POLL_MILLIS, id -> tail.poll());
        long expiry = vertx.setTimer(Math.max(1, config.tail().maxDuration().toMillis()), id -> {
            if (!tail.closed.get()) {
                ws.close((short) 1000, "tail ended after vigil.logs.tail.max-duration");
            }
        });
        ws.closeHandler(v -> {
            tail.closed.set(true);
            vertx.cancelTimer(timer);
            vertx.cancelTimer(expiry);
            open.decrementAndGet();
        });
    }

    /** One open tail: its cursor, and a flag so a slow poll is never overlapped by the next. */
    private final class Tail {
        private final ServerWebSocket ws;
        private final Request req;
        private final LogqlEngine engine = new LogqlEngine(LogqlOptions.DEFAULTS);
        private final AtomicBoolean busy = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private TailCursor cursor;

        Tail(ServerWebSocket ws, Request req) {
            this.ws = ws;
            this.req = req;
        }

        void poll() {
            if (closed.get() || !busy.compareAndSet(false, true)) {
                return;
            }
            vertx.<List<StreamResult>>executeBlocking(this::read, false).onComplete(r -> {
                busy.set(false);
                if (closed.get()) {
                    return;
                }
                if (r.failed()) {
                    LOG.debugf(r.cause(), "live tail of %s failed", req.selector());
                    closed.set(true);
                    ws.close(INTERNAL_ERROR, String.valueOf(r.cause().getMessage()));
                } else if (!r.result().isEmpty()) {
                    ws.writeTextMessage(new String(LokiJson.tail(r.result()), StandardCharsets.UTF_8));
                }
            });
        }

        /** The entries not sent yet, up to now minus {@code delay_for}. */
        private List<StreamResult> read() {
            long end = nowNanos() - req.delayNanos();
            if (cursor == null) {
                // The first batch is the newest `limit` entries, as Loki's tail opens with.
                cursor = new TailCursor(req.startNanos());
                if (end < req.startNanos()) {
                    return List.of();
                }
                LogResult r = engine.query(req.source(), req.selector(), req.startNanos(), end + 1, Direction.BACKWARD, req.limit());
                return cursor.advance(r);
            }
            // Nothing older than the late window is looked for again: a tail whose filter never
            // matches reads that window each poll, not everything since its start.
            cursor.skipTo(end - config.tail().lateWindow().toNanos());
            if (end < cursor.from()) {
                return List.of();
            }
            LogResult r = engine.query(req.source(), req.selector(), cursor.from(), end + 1, Direction.FORWARD, config.maxEntriesLimit());
            return cursor.advance(r);
        }
    }

    private static void reject(RoutingContext ctx, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("status", "error");
        body.put("message", message);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(io.vertx.core.json.Json.encode(body)));
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The parsed parameters of one tail. */
    private record Request(LogSelectorExpr selector, long delayNanos, int limit, long startNanos, LogSource source) {
    }
}
