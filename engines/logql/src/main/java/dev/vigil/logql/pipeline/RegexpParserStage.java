package dev.vigil.logql.pipeline;

import dev.vigil.model.regex.GoRegexp;

/** {@code | regexp "(?P<name>...)"}: the first match anywhere in the line sets one label per named group. */
final class RegexpParserStage implements PipelineStage {
    private final GoRegexp regex;

    RegexpParserStage(String regex) {
        this.regex = GoRegexp.compile(regex);
    }

    @Override
    public boolean process(LogLine entry) {
        String[] groups = regex.submatch(entry.line());
        if (groups == null) {
            return true;
        }
        for (int i = 1; i < groups.length; i++) {
            String name = regex.groupName(i);
            if (!name.isEmpty() && groups[i] != null) {
                entry.labels().setExtracted(name, groups[i]);
            }
        }
        return true;
    }
}
