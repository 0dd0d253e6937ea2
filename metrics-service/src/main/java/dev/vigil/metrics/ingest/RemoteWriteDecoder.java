package dev.vigil.metrics.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.model.Labels;
import dev.vigil.model.MetricSeries;
import dev.vigil.model.Sample;
import dev.vigil.model.wire.SnappyBlock;
import dev.vigil.model.wire.prometheus.Label;
import dev.vigil.model.wire.prometheus.TimeSeries;
import dev.vigil.model.wire.prometheus.WriteRequest;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Decodes a Prometheus remote-write 1.0 body (snappy block format around a protobuf
 * {@code WriteRequest}) into series, rejecting what Prometheus's own receiver rejects.
 */
public final class RemoteWriteDecoder {
    private RemoteWriteDecoder() {
    }

    /** @throws BadPayloadException with a message for the sender */
    public static List<MetricSeries> decode(byte[] body, long maxBytes) {
        return parse(uncompress(body, maxBytes));
    }

    /**
     * The protobuf bytes inside the snappy block, refused before anything is allocated for them
     * when the block declares more than {@code maxBytes}.
     *
     * @throws BadPayloadException when there are none, or too many
     */
    public static byte[] uncompress(byte[] body, long maxBytes) {
        if (body == null || body.length == 0) {
            throw new BadPayloadException("empty remote-write body");
        }
        long declared = SnappyBlock.declaredLength(body);
        if (declared < 0) {
            throw new BadPayloadException("body is not snappy-compressed (block format): no valid length preamble");
        }
        if (declared > maxBytes) {
            throw new BadPayloadException("decompressed body would be " + declared + " bytes, over the limit of " + maxBytes
                    + " bytes (vigil.metrics.remote-write.max-decompressed-bytes)");
        }
        try {
            return Snappy.uncompress(body);
        } catch (IOException e) {
            throw new BadPayloadException("body is not snappy-compressed (block format): " + e.getMessage());
        }
    }

    /** The series of a decompressed {@code WriteRequest}. @throws BadPayloadException with a message for the sender */
    public static List<MetricSeries> parse(byte[] raw) {
        return parse(raw, WriteLimits.NONE);
    }

    /** As {@link #parse(byte[])}, refusing a series beyond {@code limits}. */
    static List<MetricSeries> parse(byte[] raw, WriteLimits limits) {
        WriteRequest req;
        try {
            req = WriteRequest.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw new BadPayloadException("body is not a prometheus.WriteRequest: " + e.getMessage());
        }
        List<MetricSeries> out = new ArrayList<>(req.getTimeseriesCount());
        for (TimeSeries ts : req.getTimeseriesList()) {
            TreeMap<String, String> m = new TreeMap<>();
            for (Label l : ts.getLabelsList()) {
                if (l.getName().isEmpty()) {
                    throw new BadPayloadException("a series has a label with an empty name");
                }
                if (m.put(l.getName(), l.getValue()) != null) {
                    throw new BadPayloadException("a series has duplicate label name \"" + l.getName() + "\"");
                }
            }
            Labels labels = Labels.from(m);
            if (labels.isEmpty()) {
                throw new BadPayloadException("a series has no labels");
            }
            String violation = limits.violation(labels);
            if (violation != null) {
                throw new BadPayloadException(violation);
            }
            List<Sample> samples = new ArrayList<>(ts.getSamplesCount());
            for (dev.vigil.model.wire.prometheus.Sample s : ts.getSamplesList()) {
                String old = limits.tooOld(labels, s.getTimestamp());
                if (old != null) {
                    throw new BadPayloadException(old);
                }
                samples.add(new Sample(s.getTimestamp(), s.getValue()));
            }
            if (!samples.isEmpty()) {
                out.add(new MetricSeries(labels, samples));
            }
        }
        return out;
    }

    /** The body cannot be accepted; Prometheus drops such a batch rather than retrying it. */
    public static final class BadPayloadException extends RuntimeException {
        public BadPayloadException(String message) {
            super(message);
        }
    }
}
