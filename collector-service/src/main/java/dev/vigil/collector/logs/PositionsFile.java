package dev.vigil.collector.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The read positions of a {@link LogTailer}, kept as JSON in one file. Saving writes a temporary
 * file beside it and renames it over the old one, so a crash leaves either the old or the new
 * positions, never a torn mix.
 */
public final class PositionsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public PositionsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The saved positions; empty when no file was saved yet. */
    public List<FilePosition> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        try {
            Stored stored = JSON.readValue(bytes, Stored.class);
            return stored.positions() == null ? List.of() : List.copyOf(stored.positions());
        } catch (IOException e) {
            throw new IOException("positions file " + file + " is not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** Replaces the saved positions atomically. */
    public void save(Collection<FilePosition> positions) throws IOException {
        List<FilePosition> sorted = new ArrayList<>(positions);
        sorted.sort(Comparator.comparing(FilePosition::path).thenComparing(p -> p.identity().key()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Stored(1, sorted)));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    record Stored(int version, List<FilePosition> positions) {
    }
}
