package dev.vigil.alert.config.am;

import dev.vigil.model.LabelMatcher;
import java.util.List;
import java.util.Set;

/**
 * An inhibit rule with old-style {@code source_match(_re)}/{@code target_match(_re)} already merged
 * into the matcher lists.
 */
public record InhibitRuleConfig(List<LabelMatcher> sourceMatchers, List<LabelMatcher> targetMatchers, Set<String> equal) {

    public InhibitRuleConfig {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = Set.copyOf(equal);
    }
}
