package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.HttpClientConfig;
import dev.vigil.alert.config.am.Secret;

/**
 * A WeChat Work (WeCom) application message: the {@code message/send} body, and what fetching
 * the access token for it takes. The secret never appears in {@link #toString()}.
 */
public record WechatMessage(
        String receiver,
        String integration,
        String groupKey,
        String apiUrl,
        String corpId,
        Secret apiSecret,
        HttpClientConfig http,
        String json) implements Notification {

    @Override
    public String kind() {
        return "wechat";
    }
}
