package dev.vigil.collector.scrape.relabel;

import dev.vigil.model.Label;
import dev.vigil.model.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies relabel rules to a label set as Prometheus does: in order, each rule reading what the
 * ones before it left; {@code keep}/{@code drop} (and their {@code equal} forms) can drop the set.
 * A label with an empty value is an absent label, on both sides.
 */
public final class Relabeling {
    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private Relabeling() {
    }

    /** The relabelled set, or null when a rule dropped it. */
    public static Labels process(Labels labels, List<RelabelRule> rules) {
        Labels current = labels;
        for (RelabelRule rule : rules) {
            current = apply(current, rule);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static Labels apply(Labels in, RelabelRule rule) {
        String val = joined(in, rule);
        switch (rule.action()) {
            case DROP:
                return rule.regex().matches(val) ? null : in;
            case KEEP:
                return rule.regex().matches(val) ? in : null;
            case DROPEQUAL:
                return in.get(rule.targetLabel()).equals(val) ? null : in;
            case KEEPEQUAL:
                return in.get(rule.targetLabel()).equals(val) ? in : null;
            case REPLACE: {
                // the regex is anchored, so its leftmost match is the whole value or nothing
                String target = rule.regex().expandFirst(rule.targetLabel(), val);
                if (target == null) {
                    return in; // no match, no replacement
                }
                if (!LABEL_NAME.matcher(target).matches()) {
                    return in.toBuilder().remove(rule.targetLabel()).build();
                }
                String res = rule.regex().expandFirst(rule.replacement(), val);
                if (res.isEmpty()) {
                    // Prometheus 2.42 deletes the target as written (a template with $ names no label)
                    return in.toBuilder().remove(rule.targetLabel()).build();
                }
                return in.toBuilder().set(target, res).build();
            }
            case LOWERCASE:
                return in.toBuilder().set(rule.targetLabel(), mapCase(val, true)).build();
            case UPPERCASE:
                return in.toBuilder().set(rule.targetLabel(), mapCase(val, false)).build();
            case HASHMOD:
                return in.toBuilder().set(rule.targetLabel(), Long.toUnsignedString(Long.remainderUnsigned(md5Sum64(val),
                        rule.modulus()))).build();
            case LABELMAP: {
                Labels.Builder out = in.toBuilder();
                for (Label l : in) {
                    if (rule.regex().matches(l.name())) {
                        out.set(rule.regex().replaceAll(l.name(), rule.replacement()), l.value());
                    }
                }
                return out.build();
            }
            case LABELDROP:
            case LABELKEEP: {
                boolean keep = rule.action() == RelabelAction.LABELKEEP;
                Labels.Builder out = in.toBuilder();
                for (Label l : in) {
                    if (rule.regex().matches(l.name()) != keep) {
                        out.remove(l.name());
                    }
                }
                return out.build();
            }
            default:
                throw new IllegalStateException("unhandled relabel action " + rule.action());
        }
    }

    private static String joined(Labels in, RelabelRule rule) {
        List<String> names = rule.sourceLabels();
        if (names.size() == 1) {
            return in.get(names.get(0));
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(rule.separator());
            }
            b.append(in.get(names.get(i)));
        }
        return b.toString();
    }

    /** Go's {@code strings.ToLower}/{@code ToUpper}: rune by rune, without Java's context rules (final sigma). */
    private static String mapCase(String s, boolean lower) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(lower ? Character.toLowerCase(cp) : Character.toUpperCase(cp)));
        return b.toString();
    }

    /** Prometheus's hashmod hash: the last eight bytes of the MD5 sum, big-endian. */
    private static long md5Sum64(String val) {
        byte[] sum;
        try {
            sum = MessageDigest.getInstance("MD5").digest(val.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
        long s = 0;
        for (int i = 8; i < 16; i++) {
            s = (s << 8) | (sum[i] & 0xff);
        }
        return s;
    }
}
