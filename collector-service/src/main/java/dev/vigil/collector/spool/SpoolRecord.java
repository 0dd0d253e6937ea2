package dev.vigil.collector.spool;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Kafka record waiting in the spool: topic, key and value as the producer would send them. An
 * empty key stands for "no key".
 */
public record SpoolRecord(String topic, byte[] key, byte[] value) {
    public SpoolRecord {
        if (topic.isEmpty() || topic.getBytes(StandardCharsets.UTF_8).length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("topic must be 1.." + Short.MAX_VALUE + " bytes, got '" + topic + "'");
        }
        key = key.clone();
        value = value.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Bytes this record takes in a segment, framing included. */
    public int framedSize() {
        return SegmentFormat.RECORD_OVERHEAD + topic.getBytes(StandardCharsets.UTF_8).length + key.length + value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpoolRecord r && topic.equals(r.topic) && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * topic.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SpoolRecord[topic=" + topic + ", key=" + key.length + " bytes, value=" + value.length + " bytes]";
    }
}
