package dev.vigil.collector.host.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * node_exporter's os: the node's os-release (the first of the given files that exists: the
 * host's /etc/os-release, then /usr/lib/os-release, as os-release(5) says) as {@code node_os_info}
 * and the numeric major.minor of VERSION_ID as {@code node_os_version}.
 */
final class OsCollector implements NodeCollector {
    private static final Pattern VERSION = Pattern.compile("^[0-9]+\\.?[0-9]*");

    private final List<Path> candidates;

    OsCollector(List<Path> candidates) {
        this.candidates = candidates;
    }

    @Override
    public String name() {
        return "os";
    }

    @Override
    public void collect(ProcFs fs, HostMetrics out) throws IOException {
        Path file = candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new NoSuchFileException("no os-release among " + candidates));
        Map<String, String> kv = parse(Files.readAllLines(file));
        out.gauge("node_os_info", "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, name,"
                        + " pretty_name, variant, variant_id, version, version_codename, version_id.", 1,
                "build_id", kv.getOrDefault("BUILD_ID", ""), "id", kv.getOrDefault("ID", ""), "id_like", kv.getOrDefault("ID_LIKE", ""),
                "image_id", kv.getOrDefault("IMAGE_ID", ""), "image_version", kv.getOrDefault("IMAGE_VERSION", ""),
                "name", kv.getOrDefault("NAME", ""), "pretty_name", kv.getOrDefault("PRETTY_NAME", ""),
                "variant", kv.getOrDefault("VARIANT", ""), "variant_id", kv.getOrDefault("VARIANT_ID", ""),
                "version", kv.getOrDefault("VERSION", ""), "version_codename", kv.getOrDefault("VERSION_CODENAME", ""),
                "version_id", kv.getOrDefault("VERSION_ID", ""));
        Matcher v = VERSION.matcher(kv.getOrDefault("VERSION_ID", ""));
        if (v.find()) {
            out.gauge("node_os_version", "Metric containing the major.minor part of the OS version.", Double.parseDouble(v.group()),
                    "id", kv.getOrDefault("ID", ""), "id_like", kv.getOrDefault("ID_LIKE", ""), "name", kv.getOrDefault("NAME", ""));
        }
    }

    /** KEY=value lines; values may be quoted, with backslash escapes inside double quotes. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> kv = new HashMap<>();
        for (String line : lines) {
            String t = line.strip();
            int eq = t.indexOf('=');
            if (t.startsWith("#") || eq <= 0) {
                continue;
            }
            String value = t.substring(eq + 1);
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            kv.put(t.substring(0, eq), value);
        }
        return kv;
    }
}
