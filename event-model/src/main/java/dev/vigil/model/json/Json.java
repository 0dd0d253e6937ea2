package dev.vigil.model.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.model.DecodeException;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapping of Vigil's JSON topics: ISO-8601 times, unknown fields ignored. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws DecodeException when the bytes are not JSON of that type */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new DecodeException("record has no value", null);
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new DecodeException("not a " + type.getSimpleName() + " JSON document: " + e.getMessage(), e);
        }
    }
}
