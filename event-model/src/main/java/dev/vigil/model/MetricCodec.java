package dev.vigil.model;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.model.proto.MetricBatch;

import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes {@code vigil.metrics} record values ({@code MetricBatch} protobuf). */
public final class MetricCodec {
    private MetricCodec() {
    }

    public static byte[] encode(List<MetricSeries> series) {
        MetricBatch.Builder b = MetricBatch.newBuilder();
        for (MetricSeries s : series) {
            dev.vigil.model.proto.Series.Builder sb = b.addSeriesBuilder();
            ProtoLabels.write(s.labels(), sb::addLabelsBuilder);
            for (Sample sample : s.samples()) {
                sb.addSamplesBuilder().setTimestampMs(sample.timestampMs()).setValue(sample.value());
            }
        }
        return b.build().toByteArray();
    }

    /** @throws DecodeException when the bytes are not a MetricBatch or a series has no labels */
    public static List<MetricSeries> decode(byte[] bytes) {
        if (bytes == null) {
            throw new DecodeException("metric record has no value", null);
        }
        MetricBatch batch;
        try {
            batch = MetricBatch.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new DecodeException("not a vigil.v1.MetricBatch: " + e.getMessage(), e);
        }
        List<MetricSeries> out = new ArrayList<>(batch.getSeriesCount());
        for (dev.vigil.model.proto.Series s : batch.getSeriesList()) {
            Labels labels = ProtoLabels.read(s.getLabelsList());
            if (labels.isEmpty()) {
                throw new DecodeException("a series in the batch has no labels", null);
            }
            List<Sample> samples = new ArrayList<>(s.getSamplesCount());
            for (dev.vigil.model.proto.Sample p : s.getSamplesList()) {
                samples.add(new Sample(p.getTimestampMs(), p.getValue()));
            }
            out.add(new MetricSeries(labels, samples));
        }
        return out;
    }
}
