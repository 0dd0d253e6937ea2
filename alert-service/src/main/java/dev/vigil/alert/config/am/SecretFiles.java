package dev.vigil.alert.config.am;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Alertmanager's {@code *_file} keys: a secret given as the path of a file (a mounted Kubernetes
 * Secret) instead of inline, so alertmanager.yml itself can live in a ConfigMap. Relative paths
 * are taken from the configuration file's folder, as Alertmanager does; the content is trimmed of
 * surrounding white space (a file written with a trailing newline). Setting both forms is an
 * error, as in Alertmanager.
 */
record SecretFiles(Path dir) {
    /** The secret of {@code key} in {@code n}, inline or from {@code key_file}; empty when neither is set. */
    Optional<Secret> read(YamlNode n, String key) {
        Optional<String> inline = n.get(key).string();
        Optional<String> file = n.get(key + "_file").string();
        if (inline.isPresent() && file.isPresent()) {
            throw n.error("at most one of " + key + " & " + key + "_file must be configured");
        }
        if (file.isEmpty()) {
            return inline.map(Secret::of);
        }
        Path p = dir.resolve(file.get());
        try {
            return Optional.of(Secret.of(Files.readString(p).strip()));
        } catch (IOException e) {
            // the path is configuration, not the secret: it may be named
            throw n.get(key + "_file").error("cannot read " + p + ": " + e.getClass().getSimpleName());
        }
    }
}
