package dev.vigil.alert.rest;

import dev.vigil.alert.config.am.MatcherParser;
import dev.vigil.model.LabelMatcher;

import java.util.ArrayList;
import java.util.List;

/** The {@code filter} query parameters of the v2 API: Alertmanager matcher strings such as {@code severity=~"crit|warn"}. */
final class Filters {
    private Filters() {
    }

    static List<LabelMatcher> parse(List<String> filter) {
        List<LabelMatcher> out = new ArrayList<>();
        if (filter == null) {
            return out;
        }
        for (String f : filter) {
            if (!f.isBlank()) {
                out.addAll(MatcherParser.parseList(f));
            }
        }
        return out;
    }
}
