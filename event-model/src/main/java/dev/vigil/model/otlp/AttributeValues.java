package dev.vigil.model.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.GoFloat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

import java.util.Base64;

/**
 * OTLP attribute values as label values, the way the Collector's {@code Value.AsString} writes
 * them: strings as they are, numbers and booleans in decimal text, bytes in base64, arrays and
 * maps as JSON.
 */
public final class AttributeValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttributeValues() {
    }

    public static String text(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
            case INT_VALUE -> Long.toString(v.getIntValue());
            case DOUBLE_VALUE -> GoFloat.format(v.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> json(v).toString();
            // string_value_strindex refers to a profiles dictionary; other signals treat it as absent.
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
        };
    }

    private static JsonNode json(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> NODES.textNode(v.getStringValue());
            case BOOL_VALUE -> NODES.booleanNode(v.getBoolValue());
            case INT_VALUE -> NODES.numberNode(v.getIntValue());
            case DOUBLE_VALUE -> NODES.numberNode(v.getDoubleValue());
            case BYTES_VALUE -> NODES.textNode(Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode a = JSON.createArrayNode();
                v.getArrayValue().getValuesList().forEach(e -> a.add(json(e)));
                yield a;
            }
            case KVLIST_VALUE -> {
                ObjectNode o = JSON.createObjectNode();
                for (KeyValue kv : v.getKvlistValue().getValuesList()) {
                    o.set(kv.getKey(), json(kv.getValue()));
                }
                yield o;
            }
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> NODES.nullNode();
        };
    }
}
