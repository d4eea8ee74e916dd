namespace Vigil.Server.Templates;

/// <summary>
/// Vigil's built-in notification templates, under the names Alertmanager 0.25 defines (<c>__subject</c>,
/// <c>slack.default.title</c>, <c>email.default.html</c>, …) and rendering the same text for the same data: that output
/// is the compatibility contract (Teams' <c>msteams.default.*</c> and <c>__text_alert_list_markdown</c> are 0.26's, as
/// 0.25 has no Teams). Written for Vigil in its own layout: trim markers and <c>{{ "\n" }}</c> make every newline
/// explicit, and shared parts are factored into <c>__vigil_*</c> helpers.
/// </summary>
internal static class DefaultTemplates
{
    /// <summary>The name errors in these templates carry.</summary>
    public const string FileName = "default.tmpl";

    public const string Text = """
        {{/* Shared parts. */}}
        {{- define "__alertmanager" }}Alertmanager{{ end }}
        {{- define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}{{ end }}
        {{- define "__vigil_status" }}{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}{{ end }}
        {{- define "__vigil_extra_common" -}}
          {{ if lt (len .GroupLabels) (len .CommonLabels) -}}
            ({{ join " " (.CommonLabels.Remove .GroupLabels.Names).Values }})
          {{- end }}
        {{- end }}
        {{- define "__subject" -}}
          [{{ template "__vigil_status" . }}] {{ join " " .GroupLabels.SortedPairs.Values }} {{ template "__vigil_extra_common" . }}
        {{- end }}
        {{- define "__description" }}{{ end }}
        {{- define "__vigil_pairs" }}{{ range . }} - {{ .Name }} = {{ .Value }}{{ "\n" }}{{ end }}{{ end }}
        {{- define "__text_alert_list" -}}
          {{ range . -}}
            Labels:{{ "\n" }}{{ template "__vigil_pairs" .Labels.SortedPairs -}}
            Annotations:{{ "\n" }}{{ template "__vigil_pairs" .Annotations.SortedPairs -}}
            Source: {{ .GeneratorURL }}{{ "\n" }}
          {{- end }}
        {{- end }}
        {{- define "__vigil_common_values" }}{{ join " " .CommonAnnotations.SortedPairs.Values }}{{ end }}
        {{- /* Firing and resolved lists, each headed, without blank lines around them. */ -}}
        {{- define "__vigil_tight_lists" -}}
          {{ with .Alerts.Firing }}Alerts Firing:{{ "\n" }}{{ template "__text_alert_list" . }}{{ end }}{{ "\n" -}}
          {{ with .Alerts.Resolved }}Alerts Resolved:{{ "\n" }}{{ template "__text_alert_list" . }}{{ end }}
        {{- end }}
        {{- /* The same lists, each set off by blank lines. */ -}}
        {{- define "__vigil_loose_lists" -}}
          {{ with .Alerts.Firing }}{{ "\n" }}Alerts Firing:{{ "\n" }}{{ template "__text_alert_list" . }}{{ "\n" }}{{ end }}{{ "\n" -}}
          {{ with .Alerts.Resolved }}{{ "\n" }}Alerts Resolved:{{ "\n" }}{{ template "__text_alert_list" . }}{{ "\n" }}{{ end }}{{ "\n" }}
        {{- end }}

        {{- /* Slack. */ -}}
        {{- define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
        {{- define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
        {{- define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
        {{- define "slack.default.callbackid" }}{{ end }}
        {{- define "slack.default.pretext" }}{{ end }}
        {{- define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{- define "slack.default.iconemoji" }}{{ end }}
        {{- define "slack.default.iconurl" }}{{ end }}
        {{- define "slack.default.text" }}{{ end }}
        {{- define "slack.default.footer" }}{{ end }}

        {{- /* PagerDuty. */ -}}
        {{- define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
        {{- define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
        {{- define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{- define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}

        {{- /* Opsgenie. */ -}}
        {{- define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
        {{- define "opsgenie.default.description" }}{{ template "__vigil_common_values" . }}{{ "\n" }}{{ template "__vigil_tight_lists" . }}{{ end }}
        {{- define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}

        {{- /* WeChat. */ -}}
        {{- define "wechat.default.message" -}}
          {{ template "__subject" . }}{{ "\n" }}{{ template "__vigil_common_values" . }}{{ "\n" }}{{ template "__vigil_tight_lists" . -}}
          {{ "\n" }}AlertmanagerUrl:{{ "\n" }}{{ template "__alertmanagerURL" . }}
        {{- end }}
        {{- define "wechat.default.to_user" }}{{ end }}
        {{- define "wechat.default.to_party" }}{{ end }}
        {{- define "wechat.default.to_tag" }}{{ end }}
        {{- define "wechat.default.agent_id" }}{{ end }}

        {{- /* VictorOps. */ -}}
        {{- define "victorops.default.state_message" }}{{ template "opsgenie.default.description" . }}{{ end }}
        {{- define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
        {{- define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}

        {{- /* Pushover, SNS, Webex, Telegram, Discord. */ -}}
        {{- define "__vigil_values_and_lists" }}{{ template "__vigil_common_values" . }}{{ "\n" }}{{ template "__vigil_loose_lists" . }}{{ end }}
        {{- define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
        {{- define "pushover.default.message" }}{{ template "__vigil_values_and_lists" . }}{{ end }}
        {{- define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}
        {{- define "sns.default.subject" }}{{ template "__subject" . }}{{ end }}
        {{- define "sns.default.message" }}{{ template "__vigil_values_and_lists" . }}{{ end }}
        {{- define "webex.default.message" }}{{ template "__vigil_values_and_lists" . }}{{ end }}
        {{- define "telegram.default.message" }}{{ "\n" }}{{ template "__vigil_loose_lists" . }}{{ end }}
        {{- define "discord.default.title" }}{{ template "__subject" . }}{{ end }}
        {{- define "discord.default.message" }}{{ "\n" }}{{ template "__vigil_loose_lists" . }}{{ end }}

        {{- /* Microsoft Teams, from Alertmanager 0.26 (0.25 has none): Markdown lists, each alert set off by blank lines. */ -}}
        {{- define "__vigil_md_pairs" }}{{ range . }}  - {{ .Name }} = {{ .Value }}{{ "\n" }}{{ end }}{{ end }}
        {{- define "__text_alert_list_markdown" -}}
          {{ range . -}}
            {{ "\n" }}Labels:{{ "\n" }}{{ template "__vigil_md_pairs" .Labels.SortedPairs -}}
            {{ "\n" }}Annotations:{{ "\n" }}{{ template "__vigil_md_pairs" .Annotations.SortedPairs -}}
            {{ "\n" }}Source: {{ .GeneratorURL }}{{ "\n" }}
          {{- end }}{{ "\n" }}
        {{- end }}
        {{- define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
        {{- define "msteams.default.text" -}}
          {{ "\n" }}{{ with .Alerts.Firing }}{{ "\n" }}# Alerts Firing:{{ "\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\n" }}{{ end }}{{ "\n" -}}
          {{ with .Alerts.Resolved }}{{ "\n" }}# Alerts Resolved:{{ "\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\n" }}{{ end }}{{ "\n" }}
        {{- end }}

        {{- /* Email: the subject; the HTML body (email.default.html) is in DefaultEmailTemplate. */ -}}
        {{- define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
        """;
}
