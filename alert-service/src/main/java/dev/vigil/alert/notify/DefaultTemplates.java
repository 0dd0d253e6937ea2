package dev.vigil.alert.notify;

import dev.vigil.alert.functions.AlertFunctions;
import dev.vigil.gotemplate.TemplateSet;

/**
 * The templates receivers fall back to, under Alertmanager's names ({@code slack.default.title},
 * {@code email.default.subject}, {@code msteams.default.text}, ...), so configurations that refer
 * to them keep working. Subjects and titles are Alertmanager's ({@code [FIRING:2] HighCPU (node ops)});
 * the email HTML is Vigil's own, laid out like Alertmanager's.
 */
public final class DefaultTemplates {

    /** The template text, as it would be in a {@code default.tmpl} file. */
    public static final String TEXT = """
            {{ define "__alertmanager" }}Vigil{{ end }}
            {{ define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}

            {{ define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}{{ end }}
            {{ define "__description" }}{{ end }}

            {{ define "__text_alert_list" }}{{ range . }}Labels:
            {{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
            {{ end }}Annotations:
            {{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
            {{ end }}Source: {{ .GeneratorURL }}
            {{ end }}{{ end }}

            {{ define "__text_alert_list_markdown" }}{{ range . }}
            Labels:
            {{ range .Labels.SortedPairs }}  - {{ .Name }} = {{ .Value }}
            {{ end }}
            Annotations:
            {{ range .Annotations.SortedPairs }}  - {{ .Name }} = {{ .Value }}
            {{ end }}
            Source: {{ .GeneratorURL }}
            {{ end }}{{ end }}

            {{ define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
            {{ define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
            {{ define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
            {{ define "slack.default.callbackid" }}{{ end }}
            {{ define "slack.default.pretext" }}{{ end }}
            {{ define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
            {{ define "slack.default.iconemoji" }}{{ end }}
            {{ define "slack.default.iconurl" }}{{ end }}
            {{ define "slack.default.text" }}{{ end }}
            {{ define "slack.default.footer" }}{{ end }}

            {{ define "msteams.default.summary" }}{{ template "__subject" . }}{{ end }}
            {{ define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
            {{ define "msteams.default.text" }}
            {{ if gt (len .Alerts.Firing) 0 }}
            # Alerts Firing:
            {{ template "__text_alert_list_markdown" .Alerts.Firing }}
            {{ end }}
            {{ if gt (len .Alerts.Resolved) 0 }}
            # Alerts Resolved:
            {{ template "__text_alert_list_markdown" .Alerts.Resolved }}
            {{ end }}
            {{ end }}

            {{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
            {{ define "email.default.text" }}{{ template "__subject" . }}
            {{ if gt (len .Alerts.Firing) 0 }}
            Alerts Firing:
            {{ template "__text_alert_list" .Alerts.Firing }}{{ end }}{{ if gt (len .Alerts.Resolved) 0 }}
            Alerts Resolved:
            {{ template "__text_alert_list" .Alerts.Resolved }}{{ end }}
            View in {{ template "__alertmanager" . }}: {{ template "__alertmanagerURL" . }}
            {{ end }}
            {{ define "__email_alert_rows" }}{{ range . }}
                  <tr><td style="padding:0 0 20px;vertical-align:top">
                    <strong>Labels</strong><br />
                    {{ range .Labels.SortedPairs }}{{ .Name | html }} = {{ .Value | html }}<br />{{ end }}
                    {{ if gt (len .Annotations) 0 }}<strong>Annotations</strong><br />{{ end }}
                    {{ range .Annotations.SortedPairs }}{{ .Name | html }} = {{ .Value | html }}<br />{{ end }}
                    <a href="{{ .GeneratorURL }}" style="color:#348eda">Source</a><br />
                  </td></tr>{{ end }}{{ end }}
            {{ define "email.default.html" }}<!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml">
            <head>
            <meta name="viewport" content="width=device-width" />
            <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
            <title>{{ template "__subject" . }}</title>
            </head>
            <body style="font-family:'Helvetica Neue',Helvetica,Arial,sans-serif;font-size:14px;background-color:#f6f6f6;margin:0;padding:0">
            <table width="100%" style="background-color:#f6f6f6"><tr><td></td><td width="600" style="max-width:600px;margin:0 auto;padding:20px">
              <table width="100%" cellpadding="0" cellspacing="0" style="background-color:#fff;border:1px solid #e9e9e9;border-radius:3px">
                <tr><td style="font-size:16px;color:#fff;font-weight:500;text-align:center;background-color:{{ if eq .Status "firing" }}#E6522C{{ else }}#68B90F{{ end }};padding:20px">
                  {{ .Alerts | len }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}{{ .Name | html }}={{ .Value | html }} {{ end }}
                </td></tr>
                <tr><td style="padding:10px"><table width="100%" cellpadding="0" cellspacing="0">
                  <tr><td style="padding:0 0 20px"><a href="{{ template "__alertmanagerURL" . }}" style="color:#fff;background-color:#348eda;border:solid #348eda;border-width:10px 20px;border-radius:5px;text-decoration:none;font-weight:bold">View in {{ template "__alertmanager" . }}</a></td></tr>
                  {{ if gt (len .Alerts.Firing) 0 }}<tr><td style="padding:0 0 20px"><strong>[{{ .Alerts.Firing | len }}] Firing</strong></td></tr>{{ end }}
                  {{ template "__email_alert_rows" .Alerts.Firing }}
                  {{ if gt (len .Alerts.Resolved) 0 }}{{ if gt (len .Alerts.Firing) 0 }}<tr><td style="padding:0 0 20px"><hr /></td></tr>{{ end }}<tr><td style="padding:0 0 20px"><strong>[{{ .Alerts.Resolved | len }}] Resolved</strong></td></tr>{{ end }}
                  {{ template "__email_alert_rows" .Alerts.Resolved }}
                </table></td></tr>
              </table>
              <p style="text-align:center;color:#999;font-size:12px"><a href="{{ .ExternalURL }}" style="color:#999">Sent by {{ template "__alertmanager" . }}</a></p>
            </td><td></td></tr></table>
            </body>
            </html>
            {{ end }}
            """;

    private DefaultTemplates() {
    }

    /**
     * Alertmanager's default.tmpl for the integrations beyond email, Slack and Teams: PagerDuty,
     * Opsgenie, Telegram, Discord, Webex and Teams workflows (msteamsv2).
     */
    public static final String INTEGRATIONS = """
            {{ define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
            {{ define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
            {{ define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
            {{ define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}
            {{ define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
            {{ define "opsgenie.default.description" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}
            {{ if gt (len .Alerts.Firing) 0 -}}
            Alerts Firing:
            {{ template "__text_alert_list" .Alerts.Firing }}
            {{- end }}
            {{ if gt (len .Alerts.Resolved) 0 -}}
            Alerts Resolved:
            {{ template "__text_alert_list" .Alerts.Resolved }}
            {{- end }}
            {{- end }}
            {{ define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}
            {{ define "__firing_and_resolved_text" }}
            {{ if gt (len .Alerts.Firing) 0 }}
            Alerts Firing:
            {{ template "__text_alert_list" .Alerts.Firing }}
            {{ end }}
            {{ if gt (len .Alerts.Resolved) 0 }}
            Alerts Resolved:
            {{ template "__text_alert_list" .Alerts.Resolved }}
            {{ end }}
            {{ end }}
            {{ define "telegram.default.message" }}{{ template "__firing_and_resolved_text" . }}{{ end }}
            {{ define "discord.default.content" }}{{ end }}
            {{ define "discord.default.title" }}{{ template "__subject" . }}{{ end }}
            {{ define "discord.default.message" }}{{ template "__firing_and_resolved_text" . }}{{ end }}
            {{ define "webex.default.message" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}{{ template "__firing_and_resolved_text" . }}{{ end }}
            {{ define "msteamsv2.default.title" }}{{ template "__subject" . }}{{ end }}
            {{ define "msteamsv2.default.text" }}{{ template "msteams.default.text" . }}{{ end }}
            {{ define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
            {{ define "pushover.default.message" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}{{ template "__firing_and_resolved_text" . }}{{ end }}
            {{ define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}
            {{ define "victorops.default.state_message" }}{{ .CommonAnnotations.SortedPairs.Values | join " " }}{{ template "__firing_and_resolved_text" . }}{{ end }}
            {{ define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
            {{ define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}
            {{ define "rocketchat.default.title" }}{{ template "__subject" . }}{{ end }}
            {{ define "rocketchat.default.alias" }}{{ template "__alertmanager" . }}{{ end }}
            {{ define "rocketchat.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
            {{ define "rocketchat.default.emoji" }}{{ end }}
            {{ define "rocketchat.default.iconurl" }}{{ end }}
            {{ define "rocketchat.default.text" }}{{ end }}
            {{ define "wechat.default.message" }}{{ template "__subject" . }}
            {{ .CommonAnnotations.SortedPairs.Values | join " " }}
            {{ if gt (len .Alerts.Firing) 0 -}}
            Alerts Firing:
            {{ template "__text_alert_list" .Alerts.Firing }}
            {{- end }}
            {{ if gt (len .Alerts.Resolved) 0 -}}
            Alerts Resolved:
            {{ template "__text_alert_list" .Alerts.Resolved }}
            {{- end }}
            AlertmanagerUrl:
            {{ template "__alertmanagerURL" . }}
            {{- end }}
            {{ define "wechat.default.to_user" }}{{ end }}
            {{ define "wechat.default.to_party" }}{{ end }}
            {{ define "wechat.default.to_tag" }}{{ end }}
            {{ define "wechat.default.agent_id" }}{{ end }}
            {{ define "jira.default.summary" }}{{ template "__subject" . }}{{ end }}
            {{ define "jira.default.description" }}{{ template "__firing_and_resolved_text" . }}{{ end }}
            {{ define "jira.default.priority" }}{{ end }}
            {{ define "mattermost.default.username" }}{{ template "__alertmanager" . }}{{ end }}
            {{ define "mattermost.default.title" }}{{ template "__subject" . }}{{ end }}
            {{ define "mattermost.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
            {{ define "mattermost.default.color" }}{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}{{ end }}
            {{ define "mattermost.default.fallback" }}{{ template "mattermost.default.title" . }} | {{ template "mattermost.default.titlelink" . }}{{ end }}
            {{ define "mattermost.default.text" }}#### {{ template "__subject" . }}{{ template "__firing_and_resolved_text" . }}{{ end }}
            """;

    /** A template set holding the defaults, to which user template files can be added. */
    public static TemplateSet newSet() {
        return AlertFunctions.newSet(java.util.Map.of("toJson", ToJson::apply)).add("default.tmpl", TEXT).add("integrations.tmpl", INTEGRATIONS);
    }
}
