package dev.vigil.alert.routing;

import dev.vigil.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * Alertmanager's alert identity: {@code model.LabelSet.Fingerprint}, FNV-1a 64 over the label
 * names and values in name order, each followed by the separator byte 0xff, printed as 16 hex
 * digits. Receivers see it in webhook payloads, so it must match Alertmanager bit for bit.
 */
public final class Fingerprint {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0xff;

    private Fingerprint() {
    }

    /** The fingerprint of a label set (the FNV offset basis for an empty set). */
    public static long of(Labels labels) {
        long h = OFFSET;
        for (int i = 0; i < labels.size(); i++) {
            h = add(h, labels.name(i));
            h = (h ^ SEPARATOR) * PRIME;
            h = add(h, labels.value(i));
            h = (h ^ SEPARATOR) * PRIME;
        }
        return h;
    }

    private static long add(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * PRIME;
        }
        return h;
    }

    /** As Alertmanager prints it: 16 lower-case hex digits. */
    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
