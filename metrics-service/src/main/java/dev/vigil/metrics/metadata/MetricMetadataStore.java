package dev.vigil.metrics.metadata;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.vigil.model.MetricMetadataRecord;
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
     * The metadata of a decompressed WriteRequest: its field 3, read without decoding the series
     * (each is skipped by its length), so the samples' fast path pays nothing for it. Best effort:
     * a malformed body yields what was read before the damage (the samples' decoder reports it).
     */
    public static List<MetricMetadataRecord> parse(String tenant, byte[] writeRequest) {
        List<MetricMetadataRecord> out = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(writeRequest);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (WireFormat.getTagFieldNumber(tag) == 3 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    MetricMetadata m = MetricMetadata.parseFrom(in.readBytes());
                    if (!m.getMetricFamilyName().isEmpty()) {
                        out.add(new MetricMetadataRecord(tenant, m.getMetricFamilyName(), type(m.getType()), m.getHelp(), m.getUnit()));
                    }
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            // the samples' decoder reports a malformed body
        }
        return out;
    }

    /** Keeps a family's metadata, as any source described it. */
    public void record(MetricMetadataRecord r) {
        record(r.tenant(), r.family(), new Entry(r.type(), r.help(), r.unit()));
    }

    /** Keeps a family's metadata: the newest entry of each type first. */
    private void record(String tenant, String family, Entry e) {
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
