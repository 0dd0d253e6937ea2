package dev.vigil.logql.pipeline;

import dev.vigil.logql.parser.Stage;
import dev.vigil.logql.format.Template;
import dev.vigil.logql.format.TemplateData;
import dev.vigil.logql.format.TemplateFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code | label_format dst=src, dst2="{{.a}}-{{.b}}"}: a rename moves a label's value to a new
 * name; a template sets a label. As in Loki, items apply in order: a rename sees the labels as
 * they are, and every template sees the labels as they were when the first template ran (so after
 * the renames written before it, but not after the templates).
 */
final class LabelFormatStage implements PipelineStage {
    private record Item(String dst, String renameFrom, Template template) {
    }

    private final List<Item> items = new ArrayList<>();

    LabelFormatStage(Stage.LabelFormat f) {
        for (Stage.LabelFormatItem i : f.items()) {
            items.add(i.rename() ? new Item(i.dst(), i.value(), null) : new Item(i.dst(), null, Template.parse(i.value())));
        }
    }

    @Override
    public boolean process(LogLine entry) {
        Map<String, String> snapshot = null;
        for (Item i : items) {
            if (i.renameFrom() != null) {
                String v = entry.labels().get(i.renameFrom());
                if (!v.isEmpty()) {
                    entry.labels().set(i.dst(), v);
                    if (!i.renameFrom().equals(i.dst())) {
                        entry.labels().delete(i.renameFrom());
                    }
                }
                continue;
            }
            if (snapshot == null) {
                snapshot = entry.labels().asMap();
            }
            try {
                entry.labels().set(i.dst(), i.template().render(new TemplateData(snapshot, entry.line(), entry.timestampNanos())));
            } catch (TemplateFormatException e) {
                entry.labels().setError(LineFormatStage.ERROR);
            }
        }
        return true;
    }
}
