package dev.vigil.alert.functions;

import dev.vigil.gotemplate.TemplateException;
import dev.vigil.gotemplate.TemplateSet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the {@code templates:} section of alertmanager.yml: each entry is a file path whose last
 * element may be a glob ({@code /etc/vigil/templates/*.tmpl}), relative paths resolve against
 * the configuration file's directory, and matching files are added in name order, as
 * Alertmanager's {@code filepath.Glob} does. A pattern matching nothing is not an error.
 */
public final class TemplateFiles {

    private TemplateFiles() {
    }

    /** Adds every matching file to {@code set}; returns the files read. */
    public static List<Path> addAll(TemplateSet set, List<String> patterns, Path baseDir) {
        List<Path> read = new ArrayList<>();
        for (String pattern : patterns) {
            Path p = baseDir.resolve(pattern);
            Path dir = p.getParent() == null ? baseDir : p.getParent();
            String glob = p.getFileName().toString();
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
                files.forEach(matches::add);
            } catch (IOException e) {
                throw new TemplateException("cannot list templates " + pattern + ": " + e.getMessage(), e);
            }
            matches.sort(null);
            for (Path f : matches) {
                try {
                    set.add(f.getFileName().toString(), Files.readString(f));
                } catch (IOException e) {
                    throw new TemplateException("cannot read template file " + f + ": " + e.getMessage(), e);
                }
                read.add(f);
            }
        }
        return read;
    }
}
