package dev.vigil.alert.notify;

/**
 * A rendered notification for one integration of a receiver, ready for a {@link Notifier}.
 * {@code integration} names it as {@code receiver/kind[index]}, e.g. {@code team-x/slack[0]}.
 */
public sealed interface Notification permits HttpNotification, EmailMessage, WechatMessage, JiraIssue {

    /** The receiver name from the configuration. */
    String receiver();

    /** {@code receiver/kind[index]}: the notification log's key part and a log-safe name. */
    String integration();

    /** The aggregation group's key. */
    String groupKey();

    /** {@code webhook}, {@code slack}, {@code msteams} or {@code email}. */
    String kind();
}
