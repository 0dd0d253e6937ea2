package dev.vigil.alert.notify;

/**
 * What the pipeline tells its owner about each notification: {@link #sending} once it is rendered,
 * before the receiver is called (so a copy can go elsewhere, such as {@code vigil.alerts}, at the
 * same time as the receiver's request instead of after its answer), and {@link #sent} once the
 * receiver took it.
 */
@FunctionalInterface
public interface NotificationEvents {
    void sent(Notification n);

    default void sending(Notification n) {
    }
}
