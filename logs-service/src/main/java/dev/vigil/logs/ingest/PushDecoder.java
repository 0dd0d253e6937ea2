package dev.vigil.logs.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.logql.parser.LogSelectorExpr;
import dev.vigil.logql.parser.Parser;
import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.MatchType;
import dev.vigil.model.wire.SnappyBlock;
import dev.vigil.model.wire.loki.EntryAdapter;
import dev.vigil.model.wire.loki.LabelPairAdapter;
import dev.vigil.model.wire.loki.PushRequest;
import dev.vigil.model.wire.loki.StreamAdapter;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes Loki push bodies: JSON ({@code {"streams":[{"stream":{…},"values":[["<ns>","line",{meta}]]}]}})
 * and snappy-compressed protobuf {@code PushRequest}, as Promtail and Alloy send it.
 */
public final class PushDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PushDecoder() {
    }

    public static List<LogStream> json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BadPushException("body is not JSON: " + e.getMessage());
        }
        JsonNode streams = root == null ? null : root.get("streams");
        if (streams == null || !streams.isArray()) {
            throw new BadPushException("JSON push body needs a \"streams\" array");
        }
        List<LogStream> out = new ArrayList<>();
        for (JsonNode s : streams) {
            JsonNode stream = s.get("stream");
            if (stream == null || !stream.isObject()) {
                throw new BadPushException("each stream needs a \"stream\" object of labels");
            }
            Labels labels = Labels.from(strings(stream));
            List<LogEntry> entries = new ArrayList<>();
            for (JsonNode v : s.path("values")) {
                if (!v.isArray() || v.size() < 2) {
                    throw new BadPushException("each value must be [\"<unix epoch in nanoseconds>\", \"<log line>\"]");
                }
                long ts;
                try {
                    ts = Long.parseLong(v.get(0).asText());
                } catch (NumberFormatException e) {
                    throw new BadPushException("timestamp \"" + v.get(0).asText() + "\" is not a Unix epoch in nanoseconds");
                }
                Labels meta = v.size() > 2 && v.get(2).isObject() ? Labels.from(strings(v.get(2))) : Labels.EMPTY;
                entries.add(new LogEntry(ts, v.get(1).asText(), meta));
            }
            out.add(new LogStream(validated(labels), entries));
        }
        return out;
    }

    /**
     * A snappy-compressed {@code PushRequest}, refused before anything is allocated for it when
     * the block declares more than {@code maxBytes}.
     */
    public static List<LogStream> protobuf(byte[] body, long maxBytes) {
        long declared = SnappyBlock.declaredLength(body);
        if (declared < 0) {
            throw new BadPushException("protobuf push body is not snappy-compressed (block format): no valid length preamble");
        }
        if (declared > maxBytes) {
            throw new BadPushException("decompressed push body would be " + declared + " bytes, over the limit of " + maxBytes
                    + " bytes (vigil.logs.push-max-decompressed-bytes)");
        }
        byte[] raw;
        try {
            raw = Snappy.uncompress(body);
        } catch (IOException e) {
            throw new BadPushException("protobuf push body is not snappy-compressed (block format): " + e.getMessage());
        }
        PushRequest req;
        try {
            req = PushRequest.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw new BadPushException("body is not a logproto.PushRequest: " + e.getMessage());
        }
        List<LogStream> out = new ArrayList<>(req.getStreamsCount());
        for (StreamAdapter s : req.getStreamsList()) {
            Labels labels = parseLabels(s.getLabels());
            List<LogEntry> entries = new ArrayList<>(s.getEntriesCount());
            for (EntryAdapter e : s.getEntriesList()) {
                long ts = e.getTimestamp().getSeconds() * 1_000_000_000L + e.getTimestamp().getNanos();
                TreeMap<String, String> meta = new TreeMap<>();
                for (LabelPairAdapter l : e.getStructuredMetadataList()) {
                    meta.put(l.getName(), l.getValue());
                }
                entries.add(new LogEntry(ts, e.getLine(), Labels.from(meta)));
            }
            out.add(new LogStream(validated(labels), entries));
        }
        return out;
    }

    /** {@code {job="x", host="y"}}, the stream label form of the protobuf push, parsed as a LogQL selector. */
    static Labels parseLabels(String text) {
        try {
            LogSelectorExpr sel = (LogSelectorExpr) Parser.parse(text);
            TreeMap<String, String> m = new TreeMap<>();
            for (LabelMatcher lm : sel.matchers()) {
                if (lm.type() != MatchType.EQUAL) {
                    throw new BadPushException("stream labels must be name=\"value\" pairs: " + text);
                }
                m.put(lm.name(), lm.value());
            }
            return Labels.from(m);
        } catch (RuntimeException e) {
            if (e instanceof BadPushException b) {
                throw b;
            }
            throw new BadPushException("invalid stream labels " + text + ": " + e.getMessage());
        }
    }

    private static Labels validated(Labels labels) {
        if (labels.isEmpty()) {
            throw new BadPushException("error at least one label pair is required per stream");
        }
        return labels;
    }

    private static Map<String, String> strings(JsonNode obj) {
        TreeMap<String, String> m = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    /** A push body that cannot be accepted; answered with 400 and this message. */
    public static final class BadPushException extends RuntimeException {
        public BadPushException(String message) {
            super(message);
        }
    }
}
