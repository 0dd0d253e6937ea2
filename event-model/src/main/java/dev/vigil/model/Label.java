package dev.vigil.model;

/** One label pair. */
public record Label(String name, String value) {
}
