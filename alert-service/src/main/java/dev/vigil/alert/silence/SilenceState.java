package dev.vigil.alert.silence;

import java.util.Locale;

/** Where a silence stands at a given time: before its start, during, or after its end. */
public enum SilenceState {
    PENDING, ACTIVE, EXPIRED;

    /** The lower-case name Alertmanager's API uses. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
