package dev.vigil.logstore.bench;

import dev.vigil.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generator of realistic container logs for benchmarks: the message part of CRI
 * lines (the collector strips the CRI timestamp, stream and tag) from a mix of applications, each
 * with its own format and variety: JSON access logs with request ids, logfmt business events,
 * Spring Boot lines with multi-line Java stack traces (one entry per line, as CRI splits them),
 * nginx access lines and klog lines from cluster components.
 */
public final class LogGenerator {
    /** One generated entry. */
    public record Entry(Labels stream, long tsNanos, String line) {
    }

    private enum Kind { JSON_API, LOGFMT, JAVA, NGINX, KLOG }

    private record Source(Labels labels, Kind kind, int weight) {
    }

    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "okhttp/4.12.0", "Go-http-client/2.0", "kube-probe/1.29", "curl/8.5.0", "python-requests/2.31.0"};
    private static final String[] API_PATHS = {"/api/v1/orders/", "/api/v1/customers/", "/api/v1/products/",
        "/api/v1/cart/", "/api/v2/search?q=", "/api/v1/invoices/", "/healthz", "/metrics", "/api/v1/payments/"};
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"};
    private static final int[] STATUS = {200, 200, 200, 200, 200, 200, 200, 201, 204, 304, 400, 401, 404, 404, 500, 503};
    private static final String[] LOGFMT_MSGS = {"invoice generated", "payment captured", "payment declined",
        "refund issued", "subscription renewed", "webhook delivered", "retrying webhook", "cache miss", "cache hit"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF"};
    private static final String[] JAVA_CLASSES = {"c.e.orders.service.OrderService", "c.e.orders.web.OrderController",
        "c.e.orders.repository.OrderRepository", "o.s.web.servlet.DispatcherServlet", "c.z.hikari.pool.HikariPool",
        "o.h.engine.jdbc.spi.SqlExceptionHelper", "c.e.orders.client.InventoryClient"};
    private static final String[] JAVA_MSGS = {"Created order %d for customer %d", "Order %d shipped from warehouse %d",
        "Reserved items in inventory for order %d (%d lines)", "Fetched order %d in %d ms",
        "Cache refresh for order %d took %d ms"};
    private static final String[] STACK = {
        "org.springframework.dao.DataAccessResourceFailureException: could not execute statement; SQL [n/a]",
        "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)",
        "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:233)",
        "\tat org.springframework.dao.support.PersistenceExceptionTranslationInterceptor.invoke(PersistenceExceptionTranslationInterceptor.java:152)",
        "\tat org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:184)",
        "\tat com.example.orders.repository.OrderRepository.save(OrderRepository.java:87)",
        "\tat com.example.orders.service.OrderService.create(OrderService.java:142)",
        "\tat com.example.orders.web.OrderController.post(OrderController.java:58)",
        "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
        "\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
        "Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.",
        "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)",
        "\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)",
        "\t... 87 common frames omitted"};
    private static final String[] KLOG = {"\"Syncing pod\" pod=\"%s/%s\"", "\"Successfully pulled image\" image=\"registry.example.com/%s:%s\"",
        "\"Observed a panic in reconciler\" controller=\"%s\" object=\"%s\"", "\"Updated lease\" lease=\"%s/%s\"",
        "\"Probe failed\" probeType=\"Readiness\" pod=\"%s/%s\" containerName=\"app\""};

    private final SplittableRandom rnd;
    /** Finite populations, as in a real cluster: bundles of one deployment, active sessions, customers, pods. */
    private final String[] assets;
    private final String[] sessions;
    private final String[] customers;
    private final String[] pods;
    private final List<Source> sources = new ArrayList<>();
    private final int totalWeight;
    private long ts;
    private final long startDay;
    private final StringBuilder sb = new StringBuilder(512);
    private final List<String> pendingStack = new ArrayList<>();
    private Labels pendingStream;

    public LogGenerator(long seed, long startNanos) {
        this.rnd = new SplittableRandom(seed);
        this.ts = startNanos;
        this.startDay = startNanos / 1_000_000_000L / 86400;
        this.assets = pool(12, () -> "/static/js/" + pick("app", "vendor", "runtime", "chunk-" + rnd.nextInt(40)) + "." + hex(8) + ".js");
        this.sessions = pool(500, () -> alnum(12));
        this.customers = pool(3000, () -> "cus_" + alnum(10));
        this.pods = pool(60, () -> pick("orders", "catalog", "search", "billing", "frontend") + "-" + hex(9) + "-" + alnum(5));
        String[] namespaces = {"prod", "staging", "payments", "shop"};
        String[] apis = {"api-gateway", "catalog", "search"};
        String[] nodes = {"linux-node-1", "linux-node-2", "win-node-1", "linux-node-3"};
        int n = 0;
        for (String ns : namespaces) {
            for (String app : apis) {
                add(ns, app, Kind.JSON_API, 6, nodes[n++ % nodes.length]);
            }
            add(ns, "billing", Kind.LOGFMT, 3, nodes[n++ % nodes.length]);
            add(ns, "orders", Kind.JAVA, 4, nodes[n++ % nodes.length]);
            add(ns, "frontend", Kind.NGINX, 6, nodes[n++ % nodes.length]);
        }
        for (String c : new String[] {"kubelet", "kube-controller-manager", "coredns"}) {
            add("kube-system", c, Kind.KLOG, 1, nodes[n++ % nodes.length]);
        }
        int w = 0;
        for (Source s : sources) {
            w += s.weight;
        }
        totalWeight = w;
    }

    private void add(String ns, String app, Kind kind, int weight, String node) {
        for (int replica = 0; replica < 2; replica++) {
            String pod = app + "-" + hex(5) + "-" + alnum(5);
            Labels l = Labels.of("namespace", ns, "app", app, "pod", pod, "container", app, "node", node,
                    "os", node.startsWith("win") ? "windows" : "linux", "stream", "stdout");
            sources.add(new Source(l, kind, weight));
        }
    }

    private String[] pool(int n, java.util.function.Supplier<String> make) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = make.get();
        }
        return out;
    }

    private String pick(String... choices) {
        return choices[rnd.nextInt(choices.length)];
    }

    /** Skewed choice: low indices are much more frequent, as with popular items and busy users. */
    private String skewed(String[] from) {
        double u = rnd.nextDouble();
        return from[(int) (from.length * u * u * u)];
    }

    /** Every stream the generator writes to. */
    public List<Labels> streams() {
        return sources.stream().map(Source::labels).toList();
    }

    /** The next entry; timestamps increase (about 2000 entries per second overall). */
    public Entry next() {
        ts += 1 + rnd.nextInt(1_000_000);
        if (!pendingStack.isEmpty()) {
            return new Entry(pendingStream, ts, pendingStack.remove(0));
        }
        int pick = rnd.nextInt(totalWeight);
        Source src = sources.get(0);
        for (Source s : sources) {
            pick -= s.weight;
            if (pick < 0) {
                src = s;
                break;
            }
        }
        sb.setLength(0);
        switch (src.kind) {
            case JSON_API -> jsonApi(src.labels);
            case LOGFMT -> logfmt();
            case JAVA -> java(src.labels);
            case NGINX -> nginx();
            case KLOG -> klog();
            default -> throw new IllegalStateException();
        }
        return new Entry(src.labels, ts, sb.toString());
    }

    private void isoTime() {
        long ms = ts / 1_000_000;
        long sec = ms / 1000;
        long day = sec / 86400;
        long sod = sec % 86400;
        // The generator starts on 2024-05-14; benchmarks never run past the end of the month.
        sb.append("2024-05-").append(14 + (day - startDay) % 15).append('T');
        two(sod / 3600);
        sb.append(':');
        two(sod / 60 % 60);
        sb.append(':');
        two(sod % 60);
        sb.append('.');
        three(ms % 1000);
        sb.append('Z');
    }

    private void two(long v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private void three(long v) {
        sb.append((char) ('0' + v / 100)).append((char) ('0' + v / 10 % 10)).append((char) ('0' + v % 10));
    }

    private void ip() {
        sb.append("10.42.").append(rnd.nextInt(8)).append('.').append(2 + rnd.nextInt(250));
    }

    private String hex(int n) {
        StringBuilder h = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            h.append("0123456789abcdef".charAt(rnd.nextInt(16)));
        }
        return h.toString();
    }

    private String alnum(int n) {
        StringBuilder h = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            h.append("bcdfghjklmnpqrstvwxz2456789".charAt(rnd.nextInt(27)));
        }
        return h.toString();
    }

    private void jsonApi(Labels labels) {
        if (rnd.nextInt(4) == 0) {
            probe(labels);
            return;
        }
        int status = STATUS[rnd.nextInt(STATUS.length)];
        String level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
        sb.append("{\"level\":\"").append(level).append("\",\"ts\":\"");
        isoTime();
        sb.append("\",\"caller\":\"http/server.go:").append(140 + rnd.nextInt(4)).append("\",\"msg\":\"request completed\"")
                .append(",\"service\":\"").append(labels.get("app")).append("\",\"method\":\"")
                .append(METHODS[rnd.nextInt(METHODS.length)]).append("\",\"path\":\"");
        String path = API_PATHS[rnd.nextInt(API_PATHS.length)];
        sb.append(path);
        if (path.endsWith("/") || path.endsWith("=")) {
            sb.append(10_000 + rnd.nextInt(90_000));
        }
        sb.append("\",\"status\":").append(status).append(",\"duration_ms\":").append(rnd.nextInt(400))
                .append('.').append(rnd.nextInt(10)).append(",\"bytes\":").append(rnd.nextInt(20_000))
                .append(",\"remote_ip\":\"");
        ip();
        sb.append("\",\"user_agent\":\"").append(AGENTS[rnd.nextInt(AGENTS.length)]).append("\",\"request_id\":\"")
                .append(hex(16)).append('"');
        if (status >= 500) {
            sb.append(",\"error\":\"upstream ").append(rnd.nextBoolean() ? "timeout" : "connection refused")
                    .append(" after ").append(rnd.nextInt(30)).append("s\"");
        }
        sb.append('}');
    }

    /** Kubelet probes and Prometheus scrapes: a large, repetitive share of real access logs. */
    private void probe(Labels labels) {
        boolean scrape = rnd.nextInt(3) == 0;
        sb.append("{\"level\":\"info\",\"ts\":\"");
        isoTime();
        sb.append("\",\"caller\":\"http/server.go:142\",\"msg\":\"request completed\",\"service\":\"")
                .append(labels.get("app")).append("\",\"method\":\"GET\",\"path\":\"")
                .append(scrape ? "/metrics" : "/healthz").append("\",\"status\":200,\"duration_ms\":0.")
                .append(rnd.nextInt(10)).append(",\"bytes\":").append(scrape ? 14_000 + rnd.nextInt(300) : 2)
                .append(",\"remote_ip\":\"").append(scrape ? "10.42.7.12" : "10.42.0.1")
                .append("\",\"user_agent\":\"").append(scrape ? "Prometheus/2.51.2" : "kube-probe/1.29")
                .append("\",\"request_id\":\"").append(hex(16)).append("\"}");
    }

    private void logfmt() {
        sb.append("time=");
        isoTime();
        String msg = LOGFMT_MSGS[rnd.nextInt(LOGFMT_MSGS.length)];
        sb.append(" level=").append(msg.startsWith("payment declined") || msg.startsWith("retrying") ? "warn" : "info")
                .append(" msg=\"").append(msg).append("\" invoice_id=INV-2024-").append(100_000 + rnd.nextInt(900_000))
                .append(" customer=").append(skewed(customers)).append(" amount=").append(rnd.nextInt(500)).append('.')
                .append(10 + rnd.nextInt(90)).append(" currency=").append(CURRENCIES[rnd.nextInt(CURRENCIES.length)])
                .append(" duration=").append(1 + rnd.nextInt(250)).append("ms");
    }

    private void java(Labels labels) {
        long ms = ts / 1_000_000;
        long sod = ms / 1000 % 86400;
        boolean error = rnd.nextInt(40) == 0;
        sb.append("2024-05-14 ");
        two(sod / 3600);
        sb.append(':');
        two(sod / 60 % 60);
        sb.append(':');
        two(sod % 60);
        sb.append('.');
        three(ms % 1000);
        sb.append(error ? " ERROR 1 --- [nio-8080-exec-" : "  INFO 1 --- [nio-8080-exec-").append(1 + rnd.nextInt(10))
                .append("] ");
        String cls = JAVA_CLASSES[rnd.nextInt(JAVA_CLASSES.length)];
        sb.append(cls).append(" ".repeat(Math.max(1, 42 - cls.length()))).append(": ");
        if (error) {
            sb.append("Request processing failed: could not execute statement for order ").append(rnd.nextInt(100_000));
            int depth = 4 + rnd.nextInt(STACK.length - 4);
            for (int i = 0; i < depth; i++) {
                pendingStack.add(STACK[i]);
            }
            pendingStream = labels;
        } else {
            int m = rnd.nextInt(JAVA_MSGS.length + 1);
            if (m == JAVA_MSGS.length) {
                int active = rnd.nextInt(11);
                sb.append("HikariPool-1 - Pool stats (total=10, active=").append(active).append(", idle=")
                        .append(10 - active).append(", waiting=0)");
            } else {
                sb.append(String.format(JAVA_MSGS[m], 500_000 + rnd.nextInt(100_000), 1 + rnd.nextInt(m == 1 ? 4 : 80)));
            }
        }
    }

    private void nginx() {
        ip();
        long sec = ts / 1_000_000_000;
        long sod = sec % 86400;
        sb.append(" - - [14/May/2024:");
        two(sod / 3600);
        sb.append(':');
        two(sod / 60 % 60);
        sb.append(':');
        two(sod % 60);
        sb.append(" +0000] \"GET ");
        int r = rnd.nextInt(10);
        if (r < 4) {
            sb.append(assets[rnd.nextInt(assets.length)]);
        } else if (r < 7) {
            sb.append("/products/").append(1000 + rnd.nextInt(9000)).append("/images/").append(rnd.nextInt(8)).append(".webp");
        } else {
            sb.append("/cart?session=").append(skewed(sessions));
        }
        int status = STATUS[rnd.nextInt(STATUS.length)];
        sb.append(" HTTP/1.1\" ").append(status).append(' ').append(rnd.nextInt(200_000))
                .append(" \"https://shop.example.com/").append(rnd.nextBoolean() ? "cart" : "products").append("\" \"")
                .append(AGENTS[rnd.nextInt(AGENTS.length)]).append("\" ").append(rnd.nextInt(500) / 1000.0)
                .append(' ').append(rnd.nextInt(500) / 1000.0);
    }

    private void klog() {
        long us = ts / 1000;
        long sod = us / 1_000_000 % 86400;
        sb.append(rnd.nextInt(10) == 0 ? 'W' : 'I').append("0514 ");
        two(sod / 3600);
        sb.append(':');
        two(sod / 60 % 60);
        sb.append(':');
        two(sod % 60);
        sb.append('.').append(100_000 + us % 900_000).append("       1 controller.go:").append(100 + rnd.nextInt(200))
                .append("] ");
        String ns = rnd.nextBoolean() ? "prod" : "shop";
        String obj = pods[rnd.nextInt(pods.length)];
        sb.append(String.format(KLOG[rnd.nextInt(KLOG.length)], ns, obj));
    }
}
