package dev.vigil.alert.config.am;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Alertmanager's {@code *_file} keys: a secret given as the path of a file (a mounted Kubernetes
 * Secret) instead of inline, so alertmanager.yml itself can live in a ConfigMap. Relative paths
 * are taken from the configuration file's folder, as Alertmanager does; the file is read when a
 * notification needs it (so a rotated Secret applies at once), its content trimmed of surrounding
 * white space. Setting both forms is an error, as in Alertmanager.
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
        return Optional.of(Secret.fromFile(dir.resolve(file.get())));
    }
}
