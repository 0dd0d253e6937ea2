package dev.vigil.metrics.otlp;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;

import java.util.ArrayList;
import java.util.List;

/** Small builders for OTLP test requests. */
final class OtlpProtos {
    private OtlpProtos() {
    }

    /** Attributes from alternating keys and string values. */
    static List<KeyValue> attrs(String... kv) {
        List<KeyValue> out = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.add(KeyValue.newBuilder().setKey(kv[i]).setValue(AnyValue.newBuilder().setStringValue(kv[i + 1])).build());
        }
        return out;
    }

    static ExportMetricsServiceRequest request(List<KeyValue> resource, Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build();
    }

    static NumberDataPoint.Builder point(long timeMs, double value, String... attributes) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(timeMs * 1_000_000L + 123).setAsDouble(value)
                .addAllAttributes(attrs(attributes));
    }
}
