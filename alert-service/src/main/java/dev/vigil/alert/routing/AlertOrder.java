package dev.vigil.alert.routing;

import dev.vigil.model.Labels;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * The order alerts appear in a notification, as Alertmanager's {@code AlertSlice}: by
 * {@code job}, then {@code instance} (alerts lacking the label last), then by label set
 * (smaller sets first, then by sorted names and values).
 */
public final class AlertOrder implements Comparator<Alert> {
    /** The shared instance. */
    public static final AlertOrder INSTANCE = new AlertOrder();

    private AlertOrder() {
    }

    @Override
    public int compare(Alert a, Alert b) {
        for (String key : new String[] {"job", "instance"}) {
            String x = a.labels().get(key);
            String y = b.labels().get(key);
            if (x.isEmpty() && y.isEmpty()) {
                continue;
            }
            if (x.isEmpty()) {
                return 1;
            }
            if (y.isEmpty()) {
                return -1;
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return before(a.labels(), b.labels());
    }

    private static int before(Labels a, Labels b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        TreeSet<String> names = new TreeSet<>();
        a.forEach(l -> names.add(l.name()));
        b.forEach(l -> names.add(l.name()));
        for (String n : names) {
            if (a.find(n).isEmpty()) {
                return -1;
            }
            if (b.find(n).isEmpty()) {
                return 1;
            }
            int c = a.get(n).compareTo(b.get(n));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
