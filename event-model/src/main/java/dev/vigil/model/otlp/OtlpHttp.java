package dev.vigil.model.otlp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The wire rules of OTLP over HTTP (opentelemetry-proto's otlp.md, "OTLP/HTTP"), shared by the
 * metrics and logs services' {@code /v1/metrics} and {@code /v1/logs}:
 * <ul>
 *   <li>a request body is binary protobuf ({@code application/x-protobuf}) or OTLP/JSON
 *       ({@code application/json}), optionally {@code Content-Encoding: gzip}; any other content
 *       type is a 415;</li>
 *   <li>OTLP/JSON is protobuf's JSON mapping with two differences: trace and span ids are hex,
 *       not base64, and unknown fields are ignored (newer senders add fields);</li>
 *   <li>the answer is the service's Export…ServiceResponse, and a refused request's body a
 *       {@code google.rpc.Status}, both in the request's encoding.</li>
 * </ul>
 */
public final class OtlpHttp {
    public static final String PROTOBUF = "application/x-protobuf";
    public static final String JSON = "application/json";
    /** google.rpc.Code INVALID_ARGUMENT, what a 400's Status carries. */
    public static final int INVALID_ARGUMENT = 3;
    /** google.rpc.Code UNAVAILABLE, what a 503's Status carries (senders retry it). */
    public static final int UNAVAILABLE = 14;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> HEX_IDS = Set.of("traceId", "spanId", "trace_id", "span_id", "parentSpanId", "parent_span_id");
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpHttp() {
    }

    /** A request OTLP/HTTP refuses: {@code status} is 400 (bad body) or 415 (unsupported content type). */
    public static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** An encoded answer: its content type and bytes. */
    public record Body(String contentType, byte[] bytes) {
    }

    /** Whether a request's {@code Content-Type} asks for OTLP/JSON; protobuf otherwise. 415 for anything else. */
    public static boolean isJson(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals(JSON)) {
            return true;
        }
        if (type.equals(PROTOBUF)) {
            return false;
        }
        throw new BadRequest(415, "unsupported content type '" + contentType + "': OTLP/HTTP takes " + PROTOBUF + " or " + JSON, null);
    }

    /**
     * Decodes a request body into {@code builder}'s message.
     *
     * @param maxBytes the most the body may hold once uncompressed (a setting of the service)
     * @throws BadRequest 400 when the body is not such a message, 415 for an unsupported type or encoding
     */
    @SuppressWarnings("unchecked")
    public static <T extends Message> T decode(String contentType, String contentEncoding, byte[] body, long maxBytes,
                                               Message.Builder builder) {
        boolean json = isJson(contentType);
        byte[] raw = uncompress(contentEncoding, body, maxBytes);
        try {
            if (json && raw.length == 0) {
                return (T) builder.build(); // an empty body is an empty export, in JSON as in protobuf
            }
            if (json) {
                PARSER.merge(hexIdsToBase64(new String(raw, StandardCharsets.UTF_8)), builder);
            } else {
                builder.mergeFrom(raw);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new BadRequest(400, "not an OTLP " + builder.getDescriptorForType().getName() + " ("
                    + (json ? "OTLP/JSON" : "protobuf") + "): " + e.getMessage(), e);
        }
        return (T) builder.build();
    }

    /** The response message in the request's encoding. */
    public static Body encode(boolean json, Message message) {
        if (!json) {
            return new Body(PROTOBUF, message.toByteArray());
        }
        try {
            return new Body(JSON, PRINTER.print(message).getBytes(StandardCharsets.UTF_8));
        } catch (InvalidProtocolBufferException e) {
            // only Any fields with unknown types fail to print; the OTLP responses have none
            throw new IllegalStateException(e);
        }
    }

    /** A {@code google.rpc.Status} with {@code code} and {@code message}, in the request's encoding. */
    public static Body status(boolean json, int code, String message) {
        if (json) {
            ObjectNode o = MAPPER.createObjectNode().put("code", code).put("message", message);
            return new Body(JSON, o.toString().getBytes(StandardCharsets.UTF_8));
        }
        // google.rpc.Status { int32 code = 1; string message = 2; }: two fields, written by hand
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(out);
        try {
            c.writeInt32(1, code);
            c.writeString(2, message);
            c.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
        }
        return new Body(PROTOBUF, out.toByteArray());
    }

    private static byte[] uncompress(String contentEncoding, byte[] body, long maxBytes) {
        String encoding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        }
        if (!encoding.equals("gzip")) {
            throw new BadRequest(415, "unsupported content encoding '" + contentEncoding + "': OTLP/HTTP takes gzip or none", null);
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes, Math.max(32L, body.length * 4L)));
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new BadRequest(400, "body is not valid gzip: " + e.getMessage(), e);
        }
    }

    private static BadRequest tooLarge(long maxBytes) {
        return new BadRequest(400, "body is over " + maxBytes + " bytes uncompressed", null);
    }

    /**
     * OTLP/JSON writes trace and span ids as hex where protobuf's mapping has base64: they are
     * rewritten token by token (no tree of the whole document) before the standard parser reads it.
     */
    static String hexIdsToBase64(String json) {
        StringWriter out = new StringWriter(json.length() + 16);
        try (JsonParser in = MAPPER.getFactory().createParser(json); JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequest(400, "OTLP/JSON body must be a JSON object", null);
            }
            gen.copyCurrentEvent(in);
            String field = null;
            for (JsonToken t = in.nextToken(); t != null; t = in.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    field = in.currentName();
                    gen.copyCurrentEvent(in);
                    continue;
                }
                if (t == JsonToken.VALUE_STRING && field != null && HEX_IDS.contains(field)) {
                    gen.writeString(hexToBase64(field, in.getText()));
                } else {
                    gen.copyCurrentEvent(in);
                }
                field = null;
            }
        } catch (JacksonException e) {
            throw new BadRequest(400, "not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static String hexToBase64(String field, String hex) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, field + " is not hex: '" + hex + "'", e);
        }
    }
}
