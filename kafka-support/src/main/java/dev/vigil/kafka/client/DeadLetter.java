package dev.vigil.kafka.client;

import dev.vigil.model.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The headers of a record sent to {@link Topics#DEADLETTER}: an input record that could not be
 * decoded keeps its key and value, and gains headers saying why and where it came from.
 */
public final class DeadLetter {
    public static final String REASON_HEADER = "vigil.deadletter.reason";
    public static final String SOURCE_TOPIC_HEADER = "vigil.deadletter.topic";
    public static final String SOURCE_PARTITION_HEADER = "vigil.deadletter.partition";
    public static final String SOURCE_OFFSET_HEADER = "vigil.deadletter.offset";

    private DeadLetter() {
    }

    /** The headers of a dead letter: why, and where the original record sits. */
    public static Headers headers(String topic, int partition, long offset, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, utf8(reason));
        headers.add(SOURCE_TOPIC_HEADER, utf8(topic));
        headers.add(SOURCE_PARTITION_HEADER, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET_HEADER, utf8(Long.toString(offset)));
        return headers;
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
