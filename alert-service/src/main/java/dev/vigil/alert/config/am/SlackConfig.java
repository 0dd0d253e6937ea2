package dev.vigil.alert.config.am;

import java.util.List;

/** One {@code slack_configs} entry; every string field except the URL is a template. */
public record SlackConfig(
        boolean sendResolved,
        Secret apiUrl,
        HttpClientConfig httpConfig,
        String channel,
        String username,
        String color,
        String title,
        String titleLink,
        String pretext,
        String text,
        String fallback,
        String callbackId,
        String footer,
        String iconEmoji,
        String iconUrl,
        boolean linkNames,
        List<String> mrkdwnIn) {

    public SlackConfig {
        mrkdwnIn = List.copyOf(mrkdwnIn);
    }
}
