package dev.vigil.logql.pipeline;

import dev.vigil.logql.format.Template;
import dev.vigil.logql.format.TemplateData;
import dev.vigil.logql.format.TemplateFormatException;

/** {@code | line_format "{{.level}}: {{.msg}}"}: the rendered template replaces the line. */
final class LineFormatStage implements PipelineStage {
    static final String ERROR = "TemplateFormatErr";

    private final Template template;

    LineFormatStage(String template) {
        this.template = Template.parse(template);
    }

    @Override
    public boolean process(LogLine entry) {
        try {
            entry.line(template.render(new TemplateData(entry.labels().asMap(), entry.line(), entry.timestampNanos())));
        } catch (TemplateFormatException e) {
            entry.labels().setError(ERROR);
        }
        return true;
    }
}
