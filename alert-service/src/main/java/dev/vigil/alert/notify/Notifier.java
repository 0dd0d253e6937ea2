package dev.vigil.alert.notify;

import java.time.Duration;

/**
 * Delivers notifications of one kind (webhook, Slack, Teams, email). Implementations retry as
 * they see fit but must give up within {@code timeout}, and must never log URLs or passwords.
 */
@FunctionalInterface
public interface Notifier {

    /** Delivers, or throws with a log-safe reason. */
    void send(Notification notification, Duration timeout) throws NotifyException;
}
