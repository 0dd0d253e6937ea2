package dev.vigil.diagnostics.report;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structure of a results archive, for comparing Vigil's with Sonobuoy's: each entry name with
 * the parts that vary between runs (plugin, node, namespace, a result file's own name) replaced by
 * {@code *}, e.g. {@code plugins/e2e/results/global/junit_01.xml} → {@code plugins/*}{@code /results/*}{@code /*}.
 */
public final class ArchiveShape {
    private ArchiveShape() {
    }

    /** The object lists Vigil reads (Sonobuoy reads every kind; the others are not compared). */
    private static final Set<String> COLLECTED = Set.of("core_v1_nodes.json", "core_v1_namespaces.json", "core_v1_pods.json",
            "apps_v1_daemonsets.json", "apps_v1_deployments.json", "apps_v1_statefulsets.json", "batch_v1_jobs.json", "core_v1_events.json");

    /**
     * The kinds of entry the real Sonobuoy archive has that {@code entryNames} lacks, but for the
     * kinds of objects Vigil does not read: empty when the archive is laid out as Sonobuoy's.
     */
    public static Set<String> missingFromSonobuoys(Set<String> entryNames) throws java.io.IOException {
        Set<String> vigil = of(entryNames);
        Set<String> missing = new TreeSet<>();
        for (String shape : of(SonobuoyResultsTest.realArchive().keySet())) {
            boolean read = !shape.startsWith("resources/") || COLLECTED.contains(shape.substring(shape.lastIndexOf('/') + 1));
            if (read && !vigil.contains(shape)) {
                missing.add(shape);
            }
        }
        return missing;
    }

    public static Set<String> of(Set<String> entryNames) {
        Set<String> out = new TreeSet<>();
        for (String name : entryNames) {
            out.add(shape(name));
        }
        return out;
    }

    static String shape(String name) {
        String[] p = name.split("/");
        if (p[0].equals("plugins") && p.length >= 3) {
            return p.length > 3 && p[2].equals("results") ? "plugins/*/results/*/*" : "plugins/*/" + String.join("/", Arrays.copyOfRange(p, 2, p.length));
        }
        if (p[0].equals("resources") && p.length == 4 && p[1].equals("ns")) {
            return "resources/ns/*/" + p[3];
        }
        if ((p[0].equals("hosts") || p[0].equals("podlogs")) && p.length > 1) {
            return p[0] + "/**";
        }
        return name;
    }
}
