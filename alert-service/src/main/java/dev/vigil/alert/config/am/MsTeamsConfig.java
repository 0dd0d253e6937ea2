package dev.vigil.alert.config.am;

/** One {@code msteams_configs} entry; title, summary and text are templates. */
public record MsTeamsConfig(
        boolean sendResolved,
        Secret webhookUrl,
        HttpClientConfig httpConfig,
        String title,
        String summary,
        String text) {
}
