package dev.vigil.alert.rules;

import dev.vigil.alert.functions.AlertFunctions;
import dev.vigil.gotemplate.TemplateException;
import dev.vigil.gotemplate.TemplateFunction;
import dev.vigil.gotemplate.TemplateSet;
import dev.vigil.model.Labels;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands alert label and annotation templates as Prometheus does: the text runs with
 * {@code $labels}, {@code $externalLabels}, {@code $externalURL} and {@code $value} predefined,
 * and a failure yields {@code <error expanding template: ...>} instead of failing the rule.
 * During an evaluation ({@link #expander}) templates may also run queries at the evaluation
 * time with Prometheus' {@code query}, {@code first}, {@code label}, {@code value},
 * {@code strvalue}, {@code sortByLabel}, plus {@code args}, {@code externalURL},
 * {@code pathPrefix}, {@code graphLink} and {@code tableLink}.
 */
public final class RuleTemplates {
    private static final String DEFS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private final Map<String, String> externalLabels;
    private final String externalUrl;
    private final TemplateSet withoutQueries;

    /** Expands the templates of one rule evaluation. */
    public final class Expander {
        private final TemplateSet set;

        private Expander(TemplateSet set) {
            this.set = set;
        }

        /** Expands {@code text} for one alert of rule {@code ruleName}. */
        public String expand(String ruleName, String text, Labels labels, double value) {
            Map<String, Object> data = Map.of("Labels", labels.toMap(), "ExternalLabels", externalLabels,
                    "ExternalURL", externalUrl, "Value", value);
            try {
                return set.expand("__alert_" + ruleName, DEFS + text, data);
            } catch (TemplateException e) {
                return "<error expanding template: " + e.getMessage() + ">";
            }
        }
    }

    public RuleTemplates(Map<String, String> externalLabels, String externalUrl) {
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalUrl = externalUrl;
        this.withoutQueries = AlertFunctions.newSet(functions(null, null));
    }

    /** An expander whose {@code query} function runs at {@code ts} through {@code query}. */
    public Expander expander(Instant ts, QueryFunction query) {
        return new Expander(AlertFunctions.newSet(functions(ts, query)));
    }

    /** Expands {@code text} outside an evaluation: {@code query} reports an error. */
    public String expand(String ruleName, String text, Labels labels, double value) {
        return new Expander(withoutQueries).expand(ruleName, text, labels, value);
    }

    /** Throws {@link TemplateException} when {@code text} does not parse. */
    public void check(String ruleName, String text) {
        withoutQueries.check("__alert_" + ruleName, DEFS + text);
    }

    private Map<String, TemplateFunction> functions(Instant ts, QueryFunction query) {
        Map<String, TemplateFunction> f = new HashMap<>();
        f.put("query", a -> {
            if (query == null) {
                throw new IllegalArgumentException("queries are only available while a rule is evaluated");
            }
            try {
                List<Map<String, Object>> out = new ArrayList<>();
                for (VectorSample s : query.query(String.valueOf(a.get(0)), ts)) {
                    out.add(sample(s));
                }
                return out;
            } catch (QueryException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
        f.put("first", a -> {
            List<?> v = (List<?>) a.get(0);
            if (v.isEmpty()) {
                throw new IllegalArgumentException("first() called on vector with no elements");
            }
            return v.get(0);
        });
        f.put("label", a -> labelOf(a.get(1), String.valueOf(a.get(0))));
        f.put("value", a -> a.get(0) instanceof Map<?, ?> s ? s.get("Value") : 0.0);
        f.put("strvalue", a -> labelOf(a.get(0), "__value__"));
        f.put("sortByLabel", a -> {
            String label = String.valueOf(a.get(0));
            List<Object> v = new ArrayList<>((List<?>) a.get(1));
            v.sort(Comparator.comparing(o -> labelOf(o, label)));
            return v;
        });
        f.put("args", a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < a.size(); i++) {
                m.put("arg" + i, a.get(i));
            }
            return m;
        });
        f.put("externalURL", a -> externalUrl);
        f.put("pathPrefix", a -> {
            try {
                String p = URI.create(externalUrl).getPath();
                return p == null ? "" : p;
            } catch (IllegalArgumentException e) {
                return "";
            }
        });
        f.put("graphLink", a -> "/graph?g0.expr=" + queryEscape(String.valueOf(a.get(0))) + "&g0.tab=0");
        f.put("tableLink", a -> "/graph?g0.expr=" + queryEscape(String.valueOf(a.get(0))) + "&g0.tab=1");
        return f;
    }

    /** A label of a query-result sample; "" for a missing label or no sample, as Prometheus' nil sample. */
    private static String labelOf(Object sample, String name) {
        if (sample instanceof Map<?, ?> s && s.get("Labels") instanceof Map<?, ?> labels) {
            Object v = labels.get(name);
            return v == null ? "" : v.toString();
        }
        return "";
    }

    private static Map<String, Object> sample(VectorSample s) {
        return Map.of("Labels", s.labels().toMap(), "Value", s.value());
    }

    /** Go's url.QueryEscape. */
    static String queryEscape(String s) {
        return dev.vigil.alert.notify.GoUrl.queryEscape(s);
    }
}
