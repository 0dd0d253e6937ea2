package dev.vigil.model.tenant;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.Labels;

import java.util.ArrayList;
import java.util.List;

/**
 * Tenants as Mimir and Loki have them: a request names its tenant in {@code X-Scope-OrgID}, and
 * everything it writes or reads (series, streams, alerts, silences, rules) is that tenant's alone.
 * The tenant travels with the data as the reserved label {@code __tenant__}, which the write paths
 * set (a sender cannot choose it) and the read paths match and remove, so no answer shows it. The
 * default tenant, {@code fake} as in Loki, is the absence of the label: what was written before
 * tenancy was turned on stays readable by it.
 */
public final class Tenants {
    /** The request header naming the tenant (Cortex, Mimir, Loki, Tempo). */
    public static final String HEADER = "X-Scope-OrgID";
    /** The label that carries a tenant other than the default one. */
    public static final String LABEL = "__tenant__";
    /** The tenant of every request while tenancy is off, and of data without {@link #LABEL}. */
    public static final String DEFAULT = "fake";
    static final int MAX_LENGTH = 150;

    private Tenants() {
    }

    /**
     * The tenant named by a header value: {@link #DEFAULT} when absent.
     *
     * @throws IllegalArgumentException when it is not a valid tenant ID (Mimir's rules: at most
     *         150 of {@code a-z A-Z 0-9 ! - _ . * ' ( )}, not {@code .} or {@code ..})
     */
    public static String of(String header) {
        if (header == null || header.isEmpty()) {
            return DEFAULT;
        }
        if (header.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("tenant ID is too long: max " + MAX_LENGTH + " characters");
        }
        if (header.equals(".") || header.equals("..")) {
            throw new IllegalArgumentException("tenant ID is '.' or '..'");
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!-_.*'()".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("tenant ID '" + header + "' contains unsupported character '" + c + "'");
            }
        }
        return header;
    }

    /** The value of {@link #LABEL} for {@code tenant}: "" (no label) for the default tenant. */
    public static String labelValue(String tenant) {
        return DEFAULT.equals(tenant) ? "" : tenant;
    }

    /** The tenant data with these labels belongs to. */
    public static String owner(Labels labels) {
        String v = labels.get(LABEL);
        return v.isEmpty() ? DEFAULT : v;
    }

    /** {@code labels} as stored for {@code tenant}: the label set to it, whatever the sender put there. */
    public static Labels stamp(Labels labels, String tenant) {
        String want = labelValue(tenant);
        if (labels.get(LABEL).equals(want)) {
            return labels;
        }
        return labels.toBuilder().set(LABEL, want).build();
    }

    /** {@code labels} as answered: without the tenant label. */
    public static Labels strip(Labels labels) {
        return labels.get(LABEL).isEmpty() ? labels : labels.toBuilder().remove(LABEL).build();
    }

    /** The matcher that keeps a read to {@code tenant}'s data; the default tenant matches the absent label. */
    public static LabelMatcher matcher(String tenant) {
        return LabelMatcher.equal(LABEL, labelValue(tenant));
    }

    /** {@code matchers} with the tenant's matcher added. */
    public static List<LabelMatcher> scope(List<LabelMatcher> matchers, String tenant) {
        List<LabelMatcher> out = new ArrayList<>(matchers.size() + 1);
        out.addAll(matchers);
        out.add(matcher(tenant));
        return out;
    }
}
