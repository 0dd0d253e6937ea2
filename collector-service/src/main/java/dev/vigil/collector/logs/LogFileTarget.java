package dev.vigil.collector.logs;

import dev.vigil.model.Labels;
import java.nio.file.Path;

/** A single log file to follow, with the labels its lines carry (node and os are added). */
public record LogFileTarget(Path path, Labels labels) {
}
