package dev.vigil.metrics.otlp;

import dev.vigil.model.otlp.LabelNamer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NamingTest {

    @ParameterizedTest(name = "{0} [{1}] as {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "EMPTY", textBlock = """
            http.server.duration     | s        | HISTOGRAM             | http_server_duration_seconds
            db.latency               | ms       | GAUGE                 | db_latency_milliseconds
            memory.usage             | By       | GAUGE                 | memory_usage_bytes
            heap                     | KiBy     | GAUGE                 | heap_kibibytes
            disk                     | GiBy     | GAUGE                 | disk_gibibytes
            network.io               | By/s     | GAUGE                 | network_io_bytes_per_second
            requests                 | 1/s      | GAUGE                 | requests_per_second
            requests                 | {req}/s  | GAUGE                 | requests_per_second
            cpu.utilization          | 1        | GAUGE                 | cpu_utilization_ratio
            cpu.utilization.ratio    | 1        | GAUGE                 | cpu_utilization_ratio
            queue.size               | 1        | NON_MONOTONIC_COUNTER | queue_size
            requests                 | 1        | MONOTONIC_COUNTER     | requests_total
            requests.total           | {req}    | MONOTONIC_COUNTER     | requests_total
            http.requests            | {request}| MONOTONIC_COUNTER     | http_requests_total
            bytes.sent               | By       | MONOTONIC_COUNTER     | bytes_sent_total
            duration.seconds         | s        | GAUGE                 | duration_seconds
            temp                     | Cel      | GAUGE                 | temp_celsius
            foo__bar..baz            | ''       | GAUGE                 | foo_bar_baz
            ns:sub.metric            | ''       | GAUGE                 | ns:sub_metric
            2xx.responses            | ''       | MONOTONIC_COUNTER     | _2xx_responses_total
            héllo wörld              | ''       | GAUGE                 | h_llo_w_rld
            weird                    | a-b      | GAUGE                 | weird_a_b
            rate                     | m/mo     | GAUGE                 | rate_meters_per_month
            ...                      | ''       | GAUGE                 | EMPTY
            ...                      | 1        | GAUGE                 | ratio
            """)
    void metricNamesFollowThePrometheusOtlpRules(String name, String unit, MetricKind kind, String expected) {
        assertEquals(Optional.ofNullable(expected), MetricNamer.name(name, unit, kind));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "EMPTY", textBlock = """
            http.method      | http_method
            k8s.pod.name     | k8s_pod_name
            already_valid    | already_valid
            2xx              | key_2xx
            _private         | key_private
            __reserved__     | __reserved__
            ünï              | key_n_
            a-b/c            | a_b_c
            ...              | EMPTY
            """)
    void labelNamesAreSanitized(String key, String expected) {
        assertEquals(Optional.ofNullable(expected), LabelNamer.name(key));
    }
}
