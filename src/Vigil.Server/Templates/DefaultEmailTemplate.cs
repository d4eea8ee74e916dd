namespace Vigil.Server.Templates;

/// <summary>
/// <c>email.default.html</c>: Vigil's own HTML body for <c>email_configs</c>, with the information of Alertmanager's default
/// (the subject as title, how many alerts for which group labels, a link to the alerts, then per firing and per resolved alert
/// its labels, annotations and source link). It is the one default whose markup is Vigil's own rather than Alertmanager's:
/// Alertmanager's is a third-party e-mail design, not reproduced here. Its text parts (subject, headers, <c>text:</c>) and any
/// <c>html:</c> template of the configuration render as Alertmanager renders them.
/// </summary>
internal static class DefaultEmailTemplate
{
    public const string FileName = "email.tmpl";

    public const string Text = """
        {{- define "__vigil_email_alert" -}}
        <tr><td style="padding:12px 16px;border-top:1px solid #e4e4e7;font:14px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#18181b">
        {{- range .Labels.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}
        {{- if gt (len .Annotations) 0 }}<strong>Annotations</strong><br>{{ end }}
        {{- range .Annotations.SortedPairs }}{{ .Name }} = {{ .Value }}<br>{{ end }}
        {{- if .GeneratorURL }}<a href="{{ .GeneratorURL }}" style="color:#2563eb">Source</a>{{ end -}}
        </td></tr>
        {{- end }}
        {{- define "__vigil_email_heading" -}}
        <tr><td style="padding:12px 16px;background:{{ if eq . "Firing" }}#fef2f2;color:#b91c1c{{ else }}#f0fdf4;color:#15803d{{ end }};font:bold 14px -apple-system,'Segoe UI',Helvetica,Arial,sans-serif">
        {{- end }}
        {{- define "email.default.html" -}}
        <!DOCTYPE html>{{ "\n" -}}
        <html><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width"><title>{{ template "__subject" . }}</title></head>{{ "\n" -}}
        <body style="margin:0;padding:16px;background:#f4f4f5">{{ "\n" -}}
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #e4e4e7;border-collapse:collapse">{{ "\n" -}}
        <tr><td style="padding:16px;background:{{ if gt (len .Alerts.Firing) 0 }}#dc2626{{ else }}#16a34a{{ end }};color:#ffffff;font:bold 16px -apple-system,'Segoe UI',Helvetica,Arial,sans-serif">
        {{- len .Alerts }} alert{{ if gt (len .Alerts) 1 }}s{{ end }} for {{ range .GroupLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end -}}
        </td></tr>{{ "\n" -}}
        <tr><td style="padding:16px"><a href="{{ template "__alertmanagerURL" . }}" style="display:inline-block;padding:8px 16px;background:#2563eb;color:#ffffff;text-decoration:none;border-radius:4px;font:bold 14px -apple-system,'Segoe UI',Helvetica,Arial,sans-serif">View the alerts</a></td></tr>{{ "\n" -}}
        {{- if gt (len .Alerts.Firing) 0 }}{{ template "__vigil_email_heading" "Firing" }}[{{ len .Alerts.Firing }}] Firing</td></tr>
        {{- range .Alerts.Firing }}{{ template "__vigil_email_alert" . }}{{ end }}{{ "\n" }}{{ end -}}
        {{- if gt (len .Alerts.Resolved) 0 }}{{ template "__vigil_email_heading" "Resolved" }}[{{ len .Alerts.Resolved }}] Resolved</td></tr>
        {{- range .Alerts.Resolved }}{{ template "__vigil_email_alert" . }}{{ end }}{{ "\n" }}{{ end -}}
        </table>{{ "\n" -}}
        <p style="text-align:center;font:12px -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#71717a"><a href="{{ .ExternalURL }}" style="color:#71717a">Sent by Vigil</a></p>{{ "\n" -}}
        </body></html>{{ "\n" -}}
        {{- end }}
        """;
}
