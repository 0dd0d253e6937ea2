package dev.vigil.metrics.metadata;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.vigil.model.wire.prometheus.MetricMetadata;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TYPE, HELP and UNIT of metric families as remote-write senders send them (Prometheus sends
 * them every minute with {@code send_metadata}), per tenant, for {@code /api/v1/metadata}: the
 * latest per family and type, as Prometheus keeps what its targets last said. Held in memory by
 * the instance that received them.
 */
public final class MetricMetadataStore {
    /** One family's metadata as {@code /api/v1/metadata} lists it. */
    public record Entry(String type, String help, String unit) {
    }

    private final int maxFamilies;
    private final Map<String, Map<String, List<Entry>>> byTenant = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    public MetricMetadataStore(int maxFamilies) {
        this.maxFamilies = maxFamilies;
    }

    /**
     * Keeps the metadata of a decompressed WriteRequest: its field 3, read without decoding the
     * series (each is skipped by its length), so the samples' fast path pays nothing for it.
     *
     * @return how many metadata entries the request had
     */
    public int record(String tenant, byte[] writeRequest) {
        int n = 0;
        try {
            CodedInputStream in = CodedInputStream.newInstance(writeRequest);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (WireFormat.getTagFieldNumber(tag) == 3 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    MetricMetadata m = MetricMetadata.parseFrom(in.readBytes());
                    put(tenant, m);
                    n++;
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            // the samples' decoder reports a malformed body; metadata is best effort
        }
        return n;
    }

    private void put(String tenant, MetricMetadata m) {
        record(tenant, m.getMetricFamilyName(), new Entry(type(m.getType()), m.getHelp(), m.getUnit()));
    }

    /** Keeps a family's metadata from another source (OTLP): the newest entry of each type first, as remote write's. */
    public void record(String tenant, String family, Entry e) {
        if (family.isEmpty()) {
            return;
        }
        Map<String, List<Entry>> families = byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
        if (!families.containsKey(family) && families.size() >= maxFamilies) {
            dropped.incrementAndGet();
            return;
        }
        families.compute(family, (k, old) -> {
            List<Entry> list = old == null ? new ArrayList<>() : new ArrayList<>(old);
            list.removeIf(x -> x.type().equals(e.type()));
            list.add(0, e);
            return List.copyOf(list);
        });
    }

    /** Prometheus's names for the types: {@code counter}, {@code gauge}, ..., {@code unknown}. */
    static String type(MetricMetadata.MetricType t) {
        return t == MetricMetadata.MetricType.UNRECOGNIZED ? "unknown" : t.name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code /api/v1/metadata}: every family (or only {@code metric}), at most {@code limit}
     * families (negative: no limit) and {@code limitPerMetric} entries each, by name.
     */
    public Map<String, List<Entry>> query(String tenant, String metric, int limit, int limitPerMetric) {
        Map<String, List<Entry>> out = new TreeMap<>();
        Map<String, List<Entry>> families = byTenant.getOrDefault(tenant, Map.of());
        for (Map.Entry<String, List<Entry>> e : new TreeMap<>(families).entrySet()) {
            if (metric != null && !metric.isEmpty() && !metric.equals(e.getKey())) {
                continue;
            }
            if (limit >= 0 && out.size() >= limit) {
                break;
            }
            List<Entry> entries = e.getValue();
            out.put(e.getKey(), limitPerMetric > 0 && entries.size() > limitPerMetric ? entries.subList(0, limitPerMetric) : entries);
        }
        return out;
    }

    public long dropped() {
        return dropped.get();
    }
}
