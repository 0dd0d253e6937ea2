package dev.vigil.diagnostics.plugins;

/** A plugin asks for more than {@link PodPolicy} allows: the run is refused (403) with the reasons. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
