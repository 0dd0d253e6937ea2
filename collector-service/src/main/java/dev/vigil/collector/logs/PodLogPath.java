package dev.vigil.collector.logs;

import dev.vigil.model.NodeOs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the kubelet keeps a container's log, parsed from the path
 * {@code <root>/<namespace>_<pod>_<uid>/<container>/<restart>.log}.
 *
 * <p>Parsing works on the path as a string and accepts both {@code /} and {@code \} as separators,
 * so a Windows node's {@code C:\var\log\pods\...} paths are understood the same way wherever the
 * code runs; {@link java.nio.file.Path} would read them as one file name on Linux.
 */
public record PodLogPath(String namespace, String pod, String uid, String container, String fileName) {
    /** The kubelet's pod log root on Linux nodes. */
    public static final String LINUX_ROOT = "/var/log/pods";
    /** The kubelet's pod log root on Windows nodes. */
    public static final String WINDOWS_ROOT = "C:\\var\\log\\pods";

    /** The kubelet's pod log root on a node of this OS. */
    public static String defaultRoot(NodeOs os) {
        return os == NodeOs.WINDOWS ? WINDOWS_ROOT : LINUX_ROOT;
    }

    /**
     * Parses {@code path} below {@code root}; empty when the path is not a container log under
     * that root (wrong depth, a pod folder not named {@code ns_pod_uid}, not a {@code .log} file).
     */
    public static Optional<PodLogPath> parse(String root, String path) {
        List<String> rootParts = segments(root);
        List<String> parts = segments(path);
        if (parts.size() != rootParts.size() + 3) {
            return Optional.empty();
        }
        // Windows paths are case-insensitive; Linux ones are not, and a drive letter tells them apart.
        boolean ignoreCase = isWindowsShaped(root);
        for (int i = 0; i < rootParts.size(); i++) {
            String a = rootParts.get(i);
            String b = parts.get(i);
            if (ignoreCase ? !a.equalsIgnoreCase(b) : !a.equals(b)) {
                return Optional.empty();
            }
        }
        return parseRelative(parts.subList(rootParts.size(), parts.size()));
    }

    /** Parses the three segments below the root: pod folder, container folder, file name. */
    static Optional<PodLogPath> parseRelative(List<String> rel) {
        if (rel.size() != 3) {
            return Optional.empty();
        }
        String[] podParts = rel.get(0).split("_", -1);
        // namespace and pod are DNS names and the uid is a UUID: none of them may contain '_'.
        if (podParts.length != 3 || podParts[0].isEmpty() || podParts[1].isEmpty() || podParts[2].isEmpty()) {
            return Optional.empty();
        }
        String container = rel.get(1);
        String file = rel.get(2);
        if (container.isEmpty() || !file.toLowerCase(Locale.ROOT).endsWith(".log")) {
            return Optional.empty();
        }
        return Optional.of(new PodLogPath(podParts[0], podParts[1], podParts[2], container, file));
    }

    /** Splits on either separator, dropping empty segments (leading '/', doubled separators). */
    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == '\\') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    static boolean isWindowsShaped(String path) {
        return path.length() >= 2 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
                || path.indexOf('\\') >= 0;
    }
}
