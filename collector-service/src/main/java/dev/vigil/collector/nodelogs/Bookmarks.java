package dev.vigil.collector.nodelogs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Named bookmarks (a journal cursor, the last EventRecordID per channel) in a properties file,
 * replaced atomically on every save so a crash keeps the old or the new set, never half of one.
 * Not thread-safe: each source owns one.
 */
public final class Bookmarks {
    private final Path file;
    private final Map<String, String> values = new TreeMap<>();

    private Bookmarks(Path file) {
        this.file = file;
    }

    /** Loads the file; missing means no bookmarks yet. */
    public static Bookmarks load(Path file) throws IOException {
        Bookmarks b = new Bookmarks(file);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return b;
        }
        p.stringPropertyNames().forEach(k -> b.values.put(k, p.getProperty(k)));
        return b;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Sets and saves. */
    public void put(String name, String value) throws IOException {
        values.put(name, value);
        save();
    }

    /** Removes and saves. */
    public void remove(String name) throws IOException {
        if (values.remove(name) != null) {
            save();
        }
    }

    private void save() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Properties p = new Properties();
            p.putAll(values);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Vigil node log bookmarks");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
