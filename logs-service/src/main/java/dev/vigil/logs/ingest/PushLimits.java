package dev.vigil.logs.ingest;

import dev.vigil.logs.config.LogsConfig;
import dev.vigil.model.LogEntry;
import dev.vigil.model.LogStream;
import dev.vigil.model.tenant.Tenants;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one pushed stream may hold (settings {@code vigil.logs.push.*}, Loki's {@code limits_config}
 * defaults), checked with Loki's messages; a push that breaks one is refused with 400, which
 * Promtail and Alloy do not retry.
 */
record PushLimits(int maxLineSize, boolean truncate, int maxLabelNames, int maxLabelNameLength, int maxLabelValueLength) {
    static final PushLimits NONE = new PushLimits(0, false, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    static PushLimits of(LogsConfig.Push c) {
        return new PushLimits(c.maxLineSize(), c.maxLineSizeTruncate(), c.maxLabelNamesPerSeries(),
                c.maxLabelNameLength(), c.maxLabelValueLength());
    }

    /** The stream as it is stored (lines cut when truncating), or a {@link PushDecoder.BadPushException}. */
    LogStream check(LogStream s) {
        String stream = s.labels().toString();
        if (s.labels().size() > maxLabelNames) {
            throw new PushDecoder.BadPushException("entry for stream '" + stream + "' has " + s.labels().size()
                    + " label names; limit " + maxLabelNames + " (vigil.logs.push.max-label-names-per-series)");
        }
        for (int i = 0; i < s.labels().size(); i++) {
            String name = s.labels().name(i);
            if (name.equals(Tenants.LABEL)) {
                throw new PushDecoder.BadPushException("stream '" + stream + "' has the reserved label name " + Tenants.LABEL
                        + ": the tenant is the one " + Tenants.HEADER + " names");
            }
            if (!LABEL_NAME.matcher(name).matches()) {
                throw new PushDecoder.BadPushException("error parsing labels '" + stream + "' with error: invalid label name \""
                        + name + "\"");
            }
            if (name.length() > maxLabelNameLength) {
                throw new PushDecoder.BadPushException("stream '" + stream + "' has label name too long: '" + name
                        + "' (vigil.logs.push.max-label-name-length " + maxLabelNameLength + ")");
            }
            if (s.labels().value(i).length() > maxLabelValueLength) {
                throw new PushDecoder.BadPushException("stream '" + stream + "' has label value too long: '"
                        + s.labels().value(i) + "' (vigil.logs.push.max-label-value-length " + maxLabelValueLength + ")");
            }
        }
        List<LogEntry> entries = null; // copied only when a line is cut
        for (int i = 0; i < s.entries().size(); i++) {
            LogEntry e = s.entries().get(i);
            if (e.timestampNanos() < 0) {
                throw new PushDecoder.BadPushException("entry for stream '" + stream + "' has timestamp too old: "
                        + Instant.ofEpochSecond(0, e.timestampNanos()) + ", oldest acceptable timestamp is: " + Instant.EPOCH);
            }
            int size = utf8Length(e.line());
            if (maxLineSize > 0 && size > maxLineSize) {
                if (!truncate) {
                    throw new PushDecoder.BadPushException("Max entry size '" + maxLineSize + "' bytes exceeded for stream '"
                            + stream + "' while adding an entry with length '" + size + "' bytes (vigil.logs.push.max-line-size)");
                }
                if (entries == null) {
                    entries = new ArrayList<>(s.entries());
                }
                entries.set(i, new LogEntry(e.timestampNanos(), cut(e.line(), maxLineSize), e.metadata()));
            }
        }
        return entries == null ? s : new LogStream(s.labels(), entries);
    }

    private static int utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a surrogate pair is 4 bytes
            }
        }
        return n;
    }

    /** The longest prefix of {@code s} within {@code maxBytes} UTF-8 bytes, never splitting a character. */
    private static String cut(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // b[end] continues a character: cut before that character starts
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
