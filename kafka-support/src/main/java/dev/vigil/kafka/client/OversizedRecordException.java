package dev.vigil.kafka.client;

/**
 * A single series or stream is larger than the largest record Kafka takes: the request can never
 * succeed, so the receivers answer it with 400 (a sender retries a 5xx forever).
 */
public final class OversizedRecordException extends IllegalArgumentException {
    public OversizedRecordException(String message) {
        super(message);
    }
}
