package dev.vigil.alert.cli;

import dev.vigil.alert.rules.RuleDefinition;
import dev.vigil.alert.rules.RuleGroupDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * promtool's {@code duplicate-rules} lint: two rules of one file with the same name (the recorded
 * metric or the alert) and the same labels write the same series, overwriting each other's samples.
 */
final class RuleLint {
    private RuleLint() {
    }

    /** Each rule written more than once, once, as "name\0labels", sorted as promtool reports them. */
    static List<String> duplicateRules(List<RuleGroupDefinition> groups) {
        Map<String, Integer> seen = new TreeMap<>();
        for (RuleGroupDefinition g : groups) {
            for (RuleDefinition r : g.rules()) {
                Map<String, String> labels = r instanceof RuleDefinition.Recording rec ? rec.labels() : ((RuleDefinition.Alerting) r).labels();
                seen.merge(r.name() + "\u0000" + labels(labels), 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        seen.forEach((k, n) -> {
            if (n > 1) {
                out.add(k);
            }
        });
        return out;
    }

    /** promtool's text for them. */
    static String message(List<String> duplicates) {
        StringBuilder sb = new StringBuilder("lint error " + duplicates.size() + " duplicate rule(s) found.\n");
        for (String d : duplicates) {
            int cut = d.indexOf('\u0000');
            sb.append("Metric: ").append(d, 0, cut).append("\nLabel(s):\n");
            String labels = d.substring(cut + 1);
            if (!labels.isEmpty()) {
                for (String l : labels.split("\n")) {
                    sb.append("\t").append(l).append("\n");
                }
            }
        }
        return sb.append("Might cause inconsistency while recording expressions").toString();
    }

    private static String labels(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(labels).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "\n").append(k).append(": ").append(v));
        return sb.toString();
    }
}
