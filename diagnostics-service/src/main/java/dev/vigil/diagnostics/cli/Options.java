package dev.vigil.diagnostics.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options: {@code --name value}, repeatable ones, flags and positional arguments. */
record Options(Map<String, List<String>> values, Set<String> flags, List<String> positionals) {
    private static final Set<String> FLAGS = Set.of("--wait", "--no-checks", "--no-node-checks", "--no-inventory");
    static final String DEFAULT_URL = "http://127.0.0.1:9104";

    static Options parse(List<String> args) {
        Map<String, List<String>> values = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (FLAGS.contains(a)) {
                flags.add(a);
            } else if (a.startsWith("--")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                positionals.add(a);
            }
        }
        return new Options(values, flags, positionals);
    }

    String url() {
        String u = one("--url").orElse(System.getenv().getOrDefault("VIGIL_DIAGNOSTICS_URL", DEFAULT_URL));
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    java.util.Optional<String> one(String name) {
        List<String> v = values.getOrDefault(name, List.of());
        return v.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(v.get(v.size() - 1));
    }

    String required(String name) {
        return one(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String positional(int i, String what) {
        if (positionals.size() <= i) {
            throw new IllegalArgumentException("missing " + what);
        }
        return positionals.get(i);
    }
}
