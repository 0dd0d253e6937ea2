package dev.vigil.alert.notify;

import dev.vigil.alert.routing.Alert;
import dev.vigil.alert.routing.Fingerprint;
import dev.vigil.gotemplate.TemplateObject;
import dev.vigil.model.Labels;
import java.time.Instant;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What notification templates see, as Alertmanager's {@code template.Data}: {@code .Receiver},
 * {@code .Status}, {@code .Alerts} (with {@code .Firing} and {@code .Resolved}),
 * {@code .GroupLabels}, {@code .CommonLabels}, {@code .CommonAnnotations}, {@code .ExternalURL}.
 * Firing alerts carry no end time ({@link #ZERO_TIME}), as Alertmanager hides it.
 */
public record TemplateData(
        String receiver,
        String status,
        AlertList alerts,
        Kv groupLabels,
        Kv commonLabels,
        Kv commonAnnotations,
        String externalUrl) implements TemplateObject {

    /** Go's zero time, which Alertmanager shows as the end of a firing alert. */
    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** One alert as templates see it. */
    public record AlertData(
            String status,
            Kv labels,
            Kv annotations,
            Instant startsAt,
            Instant endsAt,
            String generatorUrl,
            String fingerprint) implements TemplateObject {

        @Override
        public Optional<Object> member(String name, List<Object> args) {
            return Optional.ofNullable(switch (name) {
                case "Status" -> status;
                case "Labels" -> labels;
                case "Annotations" -> annotations;
                case "StartsAt" -> startsAt;
                case "EndsAt" -> endsAt;
                case "GeneratorURL" -> generatorUrl;
                case "Fingerprint" -> fingerprint;
                default -> null;
            });
        }
    }

    /** The alert list, with {@code .Firing} and {@code .Resolved}. */
    public static final class AlertList extends AbstractList<AlertData> implements TemplateObject {
        private final List<AlertData> alerts;

        public AlertList(List<AlertData> alerts) {
            this.alerts = List.copyOf(alerts);
        }

        @Override
        public AlertData get(int index) {
            return alerts.get(index);
        }

        @Override
        public int size() {
            return alerts.size();
        }

        public AlertList firing() {
            return new AlertList(alerts.stream().filter(a -> a.status().equals("firing")).toList());
        }

        public AlertList resolved() {
            return new AlertList(alerts.stream().filter(a -> a.status().equals("resolved")).toList());
        }

        @Override
        public Optional<Object> member(String name, List<Object> args) {
            return switch (name) {
                case "Firing" -> Optional.of(firing());
                case "Resolved" -> Optional.of(resolved());
                default -> Optional.empty();
            };
        }
    }

    /** Builds the data for alerts (already in notification order) judged at {@code now}. */
    public static TemplateData of(String receiver, Labels groupLabels, List<Alert> alerts, Instant now, String externalUrl) {
        List<AlertData> data = alerts.stream().map(a -> {
            boolean resolved = a.resolvedAt(now);
            return new AlertData(resolved ? "resolved" : "firing", new Kv(a.labels().toMap()), new Kv(a.annotations()),
                    a.startsAt(), resolved ? a.endsAt() : ZERO_TIME, a.generatorUrl(), Fingerprint.hex(a.fingerprint()));
        }).toList();
        boolean anyFiring = data.stream().anyMatch(a -> a.status().equals("firing"));
        return new TemplateData(quoteMeta(receiver), anyFiring ? "firing" : "resolved", new AlertList(data),
                new Kv(groupLabels.toMap()), new Kv(common(alerts.stream().map(a -> a.labels().toMap()).toList())),
                new Kv(common(alerts.stream().map(Alert::annotations).toList())), externalUrl);
    }

    /** The same data with only {@code kept} as its alerts; status and common labels stay the group's. */
    public TemplateData withAlerts(List<AlertData> kept) {
        return new TemplateData(receiver, status, new AlertList(kept), groupLabels, commonLabels, commonAnnotations, externalUrl);
    }

    /**
     * The same data with every label and annotation value HTML-escaped: what Go's html/template
     * does to a value it prints in text, for notifications whose text is HTML (Telegram's HTML mode).
     */
    public TemplateData htmlEscaped() {
        java.util.function.Function<Kv, Kv> esc = kv -> {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            kv.forEach((k, v) -> m.put(k, dev.vigil.gotemplate.GoEscaping.html(v)));
            return new Kv(m);
        };
        List<AlertData> escaped = alerts.alerts.stream().map(a -> new AlertData(a.status(), esc.apply(a.labels()), esc.apply(a.annotations()),
                a.startsAt(), a.endsAt(), a.generatorUrl(), a.fingerprint())).toList();
        return new TemplateData(receiver, status, new AlertList(escaped), esc.apply(groupLabels), esc.apply(commonLabels),
                esc.apply(commonAnnotations), externalUrl);
    }

    private static Map<String, String> common(List<? extends Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return out;
    }

    /** Go's regexp.QuoteMeta, which Alertmanager applies to the receiver name. */
    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    @Override
    public Optional<Object> member(String name, List<Object> args) {
        return Optional.ofNullable(switch (name) {
            case "Receiver" -> receiver;
            case "Status" -> status;
            case "Alerts" -> alerts;
            case "GroupLabels" -> groupLabels;
            case "CommonLabels" -> commonLabels;
            case "CommonAnnotations" -> commonAnnotations;
            case "ExternalURL" -> externalUrl;
            default -> null;
        });
    }
}
