package dev.vigil.metrics.rest;

/** Vigil's version, as reported by buildinfo. */
final class BuildVersion {
    static final String VERSION = "0.1.0";

    private BuildVersion() {
    }
}
