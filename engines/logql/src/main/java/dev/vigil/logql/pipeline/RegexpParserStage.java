package dev.vigil.logql.pipeline;

import dev.vigil.logql.regex.GoRegex;

import java.util.regex.Matcher;

/** {@code | regexp "(?P<name>...)"}: the first match anywhere in the line sets one label per named group. */
final class RegexpParserStage implements PipelineStage {
    private final GoRegex regex;

    RegexpParserStage(String regex) {
        this.regex = GoRegex.compile(regex);
    }

    @Override
    public boolean process(LogLine entry) {
        Matcher m = regex.pattern().matcher(entry.line());
        if (!m.find()) {
            return true;
        }
        for (int i = 0; i < regex.names().size(); i++) {
            String v = m.group(GoRegex.groupName(i));
            if (v != null) {
                entry.labels().setExtracted(regex.names().get(i), v);
            }
        }
        return true;
    }
}
