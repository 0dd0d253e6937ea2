package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.HttpClientConfig;

/**
 * What Alertmanager's Jira notifier does for one group: find the group's issue by its
 * {@code ALERT{hash}} label, create or update it with {@code fieldsJson}, and move it through the
 * reopen or resolve transition.
 *
 * @param searchUrl         the search endpoint the API type asks for
 * @param jql               the search, as Alertmanager builds it
 * @param fieldsJson        {@code {"fields":{...}}}, for the create and for the update
 * @param reopenTransition  the transition for a firing group whose issue is done ("" for none)
 * @param resolveTransition the transition for a resolved group whose issue is not done ("" for none)
 */
public record JiraIssue(
        String receiver,
        String integration,
        String groupKey,
        String apiUrl,
        String searchUrl,
        String jql,
        String fieldsJson,
        boolean resolved,
        String reopenTransition,
        String resolveTransition,
        HttpClientConfig http) implements Notification {

    @Override
    public String kind() {
        return "jira";
    }
}
