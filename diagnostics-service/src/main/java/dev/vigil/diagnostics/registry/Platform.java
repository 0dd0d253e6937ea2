package dev.vigil.diagnostics.registry;

/**
 * A platform an image has a variant for, as an OCI index or Docker manifest list (or an image
 * config) states it: {@code os}, {@code architecture} and, for Windows, {@code os.version}
 * ({@code 10.0.17763.1518}: major.minor.build.revision).
 */
public record Platform(String os, String architecture, String osVersion) {
    /**
     * Whether a node of this OS, architecture and Windows build ({@code 10.0.17763}, the
     * {@code node.kubernetes.io/windows-build} label; empty when unknown) can run this variant.
     * Windows containers in process isolation need the host's build; the revision may differ.
     */
    public boolean runsOn(String nodeOs, String nodeArch, String windowsBuild) {
        if (!os.equalsIgnoreCase(nodeOs)) {
            return false;
        }
        if (nodeArch != null && !nodeArch.isEmpty() && !architecture.equalsIgnoreCase(nodeArch)) {
            return false;
        }
        if ("windows".equalsIgnoreCase(os) && windowsBuild != null && !windowsBuild.isEmpty()
                && osVersion != null && !osVersion.isEmpty()) {
            return build(osVersion).equals(build(windowsBuild));
        }
        return true;
    }

    private static String build(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : version;
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (osVersion == null || osVersion.isEmpty() ? "" : " " + osVersion);
    }
}
