package dev.vigil.cli;

import dev.vigil.alert.config.am.GoDuration;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments read as Go's kingpin and flag packages read them: {@code --name=value},
 * {@code --name value}, {@code -x value}, boolean flags alone or as {@code --name=false}, flags
 * anywhere among the positional arguments, {@code --} ending the flags.
 */
final class Args {
    final Map<String, List<String>> flags = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    /** A usage error, told as {@code vigil: error: ...}. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param valued  flags that take a value (long names, without dashes)
     * @param booleans flags that take none
     * @param shorts  short names to long names ({@code o} to {@code format})
     */
    static Args parse(List<String> args, Set<String> valued, Set<String> booleans, Map<String, String> shorts) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (s.equals("--")) {
                a.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!s.startsWith("-") || s.equals("-")) {
                a.positional.add(s);
                continue;
            }
            String body = s.startsWith("--") ? s.substring(2) : s.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            if (!s.startsWith("--")) {
                // kingpin: one letter, its value glued on (-ojson) or next
                String longName = shorts.get(body.substring(0, 1));
                if (longName == null) {
                    throw new UsageException("unknown short flag '-" + body.charAt(0) + "'");
                }
                value = body.length() > 1 ? body.substring(1) : null;
                name = longName;
            }
            if (booleans.contains(name)) {
                a.flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "true" : value);
            } else if (booleans.contains(name.replaceFirst("^no-", "")) && name.startsWith("no-")) {
                a.flags.computeIfAbsent(name.substring(3), k -> new ArrayList<>()).add("false");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("expected argument for flag '--" + name + "'");
                    }
                    value = args.get(++i);
                }
                a.flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown long flag '--" + name + "'");
            }
        }
        return a;
    }

    String flag(String name, String dflt) {
        List<String> v = flags.get(name);
        return v == null ? dflt : v.get(v.size() - 1);
    }

    boolean bool(String name) {
        return goBool(flag(name, "false"));
    }

    /** Go's {@code strconv.ParseBool}: 1, t, T, TRUE, true, True are true. */
    static boolean goBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    List<String> all(String name) {
        return flags.getOrDefault(name, List.of());
    }

    /** Go's {@code time.ParseDuration}, in milliseconds (finer parts are cut). */
    static long goDurationMs(String s) throws UsageException {
        try {
            return GoDuration.parse(s).toMillis();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** promtool's {@code parseTime}: Unix seconds (fractions allowed) or RFC 3339, in milliseconds. */
    static long promtoolTimeMs(String s) throws UsageException {
        try {
            return new BigDecimal(s).movePointRight(3).longValue();
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new UsageException("cannot parse \"" + s + "\" to a valid timestamp");
            }
        }
    }
}
