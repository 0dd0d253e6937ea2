package dev.vigil.system.bench;

import dev.vigil.system.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Vigil as {@code run-local.sh} runs it, minus the services the benchmark does not need: the
 * local KRaft broker (4 partitions) as its own process, then the packaged metrics service and two
 * packaged alert services reading the same rule file against it, one with streaming evaluation
 * (the default) and one with it turned off, each with its own alertmanager.yml and work folder.
 */
final class VigilStack implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private ServiceProcess metrics;
    private final Map<Side, ServiceProcess> alertServices = new EnumMap<>(Side.class);
    private Optional<EvaluationTrace> trace = Optional.empty();

    /** Starts everything; on a failure, what was started is stopped before the exception leaves. */
    static VigilStack start(Path dir, Path rules, Map<Side, Path> alertmanagerYmls, boolean traceEvaluations) {
        VigilStack s = new VigilStack();
        try {
            s.startAll(dir, rules, alertmanagerYmls, traceEvaluations);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void startAll(Path dir, Path rules, Map<Side, Path> alertmanagerYmls, boolean traceEvaluations) {
        int kafkaPort = ServiceProcess.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        // The broker gets its own JVM, as in run-local.sh, so its GC never pauses the clock that times the webhooks.
        started.add(ChildProcess.startLogged("kafka", List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                        "dev.vigil.kafka.LocalKafkaMain", "--port", Integer.toString(kafkaPort),
                        "--data-dir", dir.resolve("kafka").toString(), "--partitions", "4"),
                dir.resolve("kafka.log"), "ready on", Duration.ofSeconds(90)));
        String bootstrap = "127.0.0.1:" + kafkaPort;
        metrics = ServiceProcess.start("metrics-service", dir, Map.of(
                "kafka.bootstrap.servers", bootstrap, "vigil.data-dir", dir.resolve("data").toString()));
        started.add(metrics);
        metrics.awaitLive(Duration.ofSeconds(120));
        String queryUrl = metrics.url();
        if (traceEvaluations) {
            EvaluationTrace t = new EvaluationTrace(metrics.url());
            started.add(t);
            trace = Optional.of(t);
            queryUrl = t.url();
        }
        for (Side side : List.of(Side.VIGIL_STREAMING, Side.VIGIL_TIMER)) {
            Path work = dir.resolve(side.name().toLowerCase(Locale.ROOT));
            try {
                Files.createDirectories(work);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ServiceProcess alerts = ServiceProcess.start("alert-service", work, Map.of(
                    "kafka.bootstrap.servers", bootstrap,
                    "vigil.alert.query-url", queryUrl,
                    "vigil.alert.rule-files", rules.toString(),
                    "vigil.alert.config-file", alertmanagerYmls.get(side).toString(),
                    "vigil.alert.evaluation-interval", "1s",
                    "vigil.alert.streaming.enabled", Boolean.toString(side == Side.VIGIL_STREAMING)));
            started.add(alerts);
            alertServices.put(side, alerts);
        }
        for (ServiceProcess alerts : alertServices.values()) {
            alerts.awaitLive(Duration.ofSeconds(120));
        }
    }

    /** The alert service process of a Vigil side, for its CPU time. */
    ProcessHandle alertService(Side side) {
        return alertServices.get(side).handle();
    }

    /** The rule queries the alert service made, when started with tracing. */
    Optional<EvaluationTrace> trace() {
        return trace;
    }

    String writeUrl() {
        return metrics.url() + "/api/v1/write";
    }

    String queryUrl() {
        return metrics.url() + "/api/v1/query";
    }

    /** Services first, broker last, so the services can leave their groups cleanly. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // best effort: the others must still stop
            }
        }
        started.clear();
    }
}
