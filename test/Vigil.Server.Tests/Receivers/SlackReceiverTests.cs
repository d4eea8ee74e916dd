using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>slack_configs</c> against a real Alertmanager 0.25 on the same configuration and alerts: the same request, byte for byte.</summary>
public sealed class SlackReceiverTests
{
    private const string TwoAlerts = """
        [{"labels":{"alertname":"DiskFull","severity":"critical","instance":"db-1:9100","team":"storage"},
          "annotations":{"summary":"Disk <90%> & rising on \"db-1\"","runbook":"https://runbooks.example.com/disk?x=1&y=2"},
          "generatorURL":"http://prometheus:9090/graph?g0.expr=disk","startsAt":"@START@"},
         {"labels":{"alertname":"DiskFull","severity":"critical","instance":"db-2:9100","team":"storage"},
          "annotations":{"summary":"Disque plein sur db-2 — ünïcödé ✓"},
          "startsAt":"@START@"}]
        """;

    [Fact]
    public async Task DefaultTemplates_SendTheSameRequestAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                slack_configs:
                  - api_url: {sink}/services/T000/B000/XXXX
                    channel: '#ops'
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(1);

        SameRequest.Assert(am[0], vigil[0]);
        var attachment = JsonNode.Parse(vigil[0].Text)!["attachments"]![0]!;
        Assert.Equal("[FIRING:2] DiskFull (critical storage)", attachment["title"]!.ToString());
        Assert.Equal("danger", attachment["color"]!.ToString());
    }

    [Fact]
    public async Task CustomTemplatesFromAFile_FieldsActionsAndEveryKey_SendTheSameRequestAsAlertmanager()
    {
        var dir = Directory.CreateTempSubdirectory("slack-tmpl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "slack.tmpl"), """
            {{ define "slack.ops.title" }}{{ .Status | toUpper }} {{ .CommonLabels.alertname }} ({{ len .Alerts }}){{ end }}
            {{ define "slack.ops.text" -}}
            {{ range .Alerts }}*{{ .Labels.instance }}*: {{ .Annotations.summary }}{{ if .Annotations.runbook }} <{{ .Annotations.runbook }}|runbook>{{ end }}
            {{ end }}{{ end }}
            """);
        // Each side's api_url_file names its own sink.
        string UrlFile(string sink)
        {
            var file = Path.Combine(dir, "url-" + new Uri(sink).Port);
            File.WriteAllText(file, sink + "/services/from-file\n");
            return file;
        }
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            global:
              slack_api_url: {{{sink}}}/services/global
            templates:
              - '{{{dir}}}/*.tmpl'
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                slack_configs:
                  - channel: '#{{ .CommonLabels.team }}'
                    username: 'prom-{{ .Receiver }}'
                    color: '{{ if eq .CommonLabels.severity "critical" }}#ff0000{{ else }}warning{{ end }}'
                    title: '{{ template "slack.ops.title" . }}'
                    title_link: '{{ .ExternalURL }}/#/alerts'
                    pretext: 'pre {{ .GroupLabels.alertname }}'
                    text: '{{ template "slack.ops.text" . }}'
                    footer: 'Vigil & friends'
                    fallback: 'fb {{ .CommonAnnotations.summary }}'
                    callback_id: 'cb-{{ .GroupLabels.alertname }}'
                    icon_emoji: ':fire:'
                    image_url: 'https://img.example.com/{{ .CommonLabels.alertname }}.png'
                    thumb_url: 'https://img.example.com/thumb.png'
                    link_names: yes
                    short_fields: true
                    mrkdwn_in: [text, fields]
                    fields:
                      - title: Severity
                        value: '{{ .CommonLabels.severity }}'
                      - title: Instances
                        value: '{{ range .Alerts }}{{ .Labels.instance }} {{ end }}'
                        short: false
                    actions:
                      - type: button
                        text: 'Runbook :book:'
                        url: '{{ (index .Alerts 0).Annotations.runbook }}'
                        style: primary
                        name: ignored-for-a-link
                      - type: button
                        text: Silence
                        name: silence
                        value: '{{ .GroupLabels.alertname }}'
                        style: danger
                        confirm:
                          text: 'Silence {{ .GroupLabels.alertname }}?'
                          title: Sure?
                          ok_text: 'Yes'
                          dismiss_text: 'No'
                  - api_url_file: {{{UrlFile(sink)}}}
                    icon_url: https://img.example.com/icon.png
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(2);

        SameRequest.AssertAll(am.OrderBy(r => r.PathAndQuery, StringComparer.Ordinal).ToList(), vigil.OrderBy(r => r.PathAndQuery, StringComparer.Ordinal).ToList());
        Assert.Equal(["/services/from-file", "/services/global"], vigil.Select(r => r.PathAndQuery).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FiringThenResolved_WithSendResolved_SendsBothAsAlertmanagerDoes()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: chat
                slack_configs:
                  - api_url: {{{sink}}}/hook
                    send_resolved: true
                    text: '{{ range .Alerts }}{{ .Status }} {{ .Labels.instance }} {{ end }}'
                    http_config:
                      authorization:
                        credentials: xoxb-secret
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        await both.WaitForAsync(1);
        var ended = """[{"labels":{"alertname":"DiskFull","severity":"critical","instance":"db-1:9100","team":"storage"},"startsAt":"@START@","endsAt":"@END@"},{"labels":{"alertname":"DiskFull","severity":"critical","instance":"db-2:9100","team":"storage"},"startsAt":"@START@","endsAt":"@END@"}]""";
        await both.PostAsync(AlertTimes.Stamp(ended, start));
        var (am, vigil) = await both.WaitForAsync(2);

        SameRequest.AssertAll(am.Take(2).ToList(), vigil.Take(2).ToList());
        Assert.Equal("Bearer xoxb-secret", vigil[1].Header("Authorization"));
        var resolved = JsonNode.Parse(vigil[1].Text)!["attachments"]![0]!;
        Assert.Equal("[RESOLVED] DiskFull (critical storage)", resolved["title"]!.ToString());
        Assert.Equal("good", resolved["color"]!.ToString());
    }

    [Fact]
    public async Task ATemplateError_SendsNothingForThatConfig_AsAlertmanager_AndTheApiUrlIsNeverShown()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                slack_configs:
                  - api_url: {{{sink}}}/services/T1/B1/broken-secret
                    title: '{{ template "no.such.template" . }}'
                  - api_url: {{{sink}}}/services/T2/B2/good-secret
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(1);

        var failed = await SecretChecks.AssertNeverShownAsync(both.Vigil, "failed", ["broken-secret", "good-secret", "/services/"], ["api_url"]);
        Assert.Contains("no.such.template", failed["lastError"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(["/services/T2/B2/good-secret"], both.VigilSink.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(["/services/T2/B2/good-secret"], both.AlertmanagerSink.Requests.Select(r => r.PathAndQuery));
        SameRequest.Assert(am[0], vigil[0]);
    }

    [Fact]
    public async Task ATitleOverSlacksLimit_IsCutAsAlertmanagerCutsIt()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: chat
              group_wait: 2s
            receivers:
              - name: chat
                slack_configs:
                  - api_url: {{{sink}}}/hook
                    title: '{{ .CommonAnnotations.long }}'
            """);
        var start = AlertTimes.Now();
        var longText = string.Concat(Enumerable.Repeat("abc✓é ", 1500));
        await both.PostAsync(AlertTimes.Stamp($$"""[{"labels":{"alertname":"Long"},"annotations":{"long":"{{longText}}"},"startsAt":"@START@"}]""", start));
        var (am, vigil) = await both.WaitForAsync(1);

        SameRequest.Assert(am[0], vigil[0]);
        var title = JsonNode.Parse(vigil[0].Text)!["attachments"]![0]!["title"]!.ToString();
        Assert.Equal(1024, title.EnumerateRunes().Count());
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }
}
