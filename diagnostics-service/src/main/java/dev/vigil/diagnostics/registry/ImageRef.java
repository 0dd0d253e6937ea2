package dev.vigil.diagnostics.registry;

/**
 * An image reference as the container runtime reads it: {@code [registry/]repository[:tag][@digest]},
 * Docker Hub when the first part names no registry (no '.' or ':' and not {@code localhost}),
 * {@code library/} before a one-part Docker Hub name, {@code latest} when neither tag nor digest.
 *
 * @param registry host[:port] to ask ({@code registry-1.docker.io} for Docker Hub)
 * @param reference the digest when there is one, else the tag
 */
public record ImageRef(String registry, String repository, String reference) {
    static final String DOCKER_HUB = "registry-1.docker.io";

    /** @throws IllegalArgumentException for an empty or malformed reference */
    public static ImageRef parse(String image) {
        if (image == null || image.isBlank() || image.contains(" ")) {
            throw new IllegalArgumentException("not an image reference: '" + image + "'");
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first.equals("docker.io") || first.equals("index.docker.io") ? DOCKER_HUB : first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = "latest";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty() || tag.isEmpty()) {
            throw new IllegalArgumentException("not an image reference: '" + image + "'");
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        return new ImageRef(registry, rest, digest != null ? digest : tag);
    }
}
