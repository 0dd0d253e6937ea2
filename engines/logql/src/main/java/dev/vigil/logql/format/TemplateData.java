package dev.vigil.logql.format;

import java.util.Map;

/** What a template sees: the labels (as {@code .name}), the line ({@code __line__}) and the entry time ({@code __timestamp__}). */
public record TemplateData(Map<String, String> labels, String line, long timestampNanos) {
}
