package dev.vigil.logs.fanout;

import dev.vigil.model.LabelMatcher;
import dev.vigil.model.MatchType;

import java.util.List;

/** A label matcher as instances send it to each other: name, operator ({@code =}, {@code !=}, {@code =~}, {@code !~}), value. */
public record WireMatcher(String name, String op, String value) {
    static WireMatcher of(LabelMatcher m) {
        return new WireMatcher(m.name(), m.type().op(), m.value());
    }

    LabelMatcher toMatcher() {
        for (MatchType t : MatchType.values()) {
            if (t.op().equals(op)) {
                return new LabelMatcher(t, name, value);
            }
        }
        throw new IllegalArgumentException("unknown label matcher operator '" + op + "'");
    }

    static List<LabelMatcher> toMatchers(List<WireMatcher> wire) {
        return wire.stream().map(WireMatcher::toMatcher).toList();
    }
}
