package dev.vigil.logstore.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes file creations and deletions in a directory durable. */
final class Directories {
    private Directories() {
    }

    /**
     * Forces the directory entry list to disk. Windows cannot open a directory as a channel and
     * makes metadata durable on its own, so failing to open one is not an error.
     */
    static void sync(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse fsync on directories; their metadata is then ordered anyway.
        }
    }
}
