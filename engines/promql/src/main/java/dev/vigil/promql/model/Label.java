package dev.vigil.promql.model;

/** One label pair. */
public record Label(String name, String value) {
}
