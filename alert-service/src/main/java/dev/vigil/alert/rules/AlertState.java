package dev.vigil.alert.rules;

import java.util.Locale;

/** The state of an alert of an alerting rule, as Prometheus names it. */
public enum AlertState {
    INACTIVE, PENDING, FIRING;

    /** {@code inactive}, {@code pending}, {@code firing}: the ALERTS series' alertstate and the API's word. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
