using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>webex_configs</c> against a real Alertmanager 0.25 on the same configuration and alerts: the same message request.</summary>
public sealed class WebexReceiverTests
{
    private const string TwoAlerts = """
        [{"labels":{"alertname":"ReplicaLag","severity":"page","db":"orders","cluster":"eu-1"},
          "annotations":{"summary":"Replica lag > 30s on orders & payments","dashboard":"https://grafana/d/x?var=a&b=<c>"},
          "startsAt":"@START@"},
         {"labels":{"alertname":"ReplicaLag","severity":"page","db":"payments","cluster":"eu-1"},
          "annotations":{"summary":"Replica lag > 30s on orders & payments","dashboard":"https://grafana/d/x?var=a&b=<c>"},
          "startsAt":"@START@"}]
        """;

    [Fact]
    public async Task DefaultTemplate_WithTheGlobalApiUrl_SendsTheSameRequestAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            global:
              webex_api_url: {sink}/v1/messages
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                webex_configs:
                  - room_id: Y2lzY29zcGFyazovL3VzL1JPT00vYmJjZWIxYWQtNDNmMS0zYjU4LTkxNDctZjE0YmIwYzRkMTU0
                    http_config:
                      authorization:
                        credentials: webex-bot-token
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(1);

        SameRequest.Assert(am[0], vigil[0]);
        Assert.Equal("/v1/messages", vigil[0].PathAndQuery);
        Assert.Equal("Bearer webex-bot-token", vigil[0].Header("Authorization"));
    }

    [Fact]
    public async Task CustomTemplateFromAFile_FiringThenResolved_SendsBothAsAlertmanagerDoes()
    {
        var dir = Directory.CreateTempSubdirectory("webex-tmpl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "webex.tmpl"), """
            {{ define "webex.ops" }}### {{ .Status | title }}: {{ .GroupLabels.alertname }}
            {{ range .Alerts }}- **{{ .Labels.db }}** since {{ .StartsAt.UTC.Format "2006-01-02 15:04:05" }} ({{ .Status }})
            {{ end }}[Dashboard]({{ .CommonAnnotations.dashboard }}){{ end }}
            """);
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            templates: ['{{{dir}}}/*.tmpl']
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: chat
                webex_configs:
                  - api_url: {{{sink}}}/custom/messages
                    room_id: room-1
                    message: '{{ template "webex.ops" . }}'
                    http_config:
                      bearer_token: tok-2
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        await both.WaitForAsync(1);
        await both.PostAsync(AlertTimes.Stamp("""
            [{"labels":{"alertname":"ReplicaLag","severity":"page","db":"orders","cluster":"eu-1"},"startsAt":"@START@","endsAt":"@END@"},
             {"labels":{"alertname":"ReplicaLag","severity":"page","db":"payments","cluster":"eu-1"},"startsAt":"@START@","endsAt":"@END@"}]
            """, start));
        var (am, vigil) = await both.WaitForAsync(2);

        SameRequest.AssertAll(am.Take(2).ToList(), vigil.Take(2).ToList());
        Assert.StartsWith("### Resolved: ReplicaLag", JsonNode.Parse(vigil[1].Text)!["markdown"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_AreNeverShown()
    {
        await using var sink = await RequestSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: chat
              group_wait: 0s
            receivers:
              - name: chat
                webex_configs:
                  - api_url: {sink.BaseUrl}/v1/messages
                    room_id: r
                    http_config:
                      authorization:
                        credentials: webex-very-secret
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");

        var notification = await SecretChecks.AssertNeverShownAsync(vigil, "delivered", ["webex-very-secret"], ["credentials"]);
        Assert.Equal(sink.BaseUrl + "/v1/messages room r", notification["url"]!.ToString());
    }

    [Fact]
    public async Task AMessageOverWebexsLimit_IsCutAsAlertmanagerCutsIt()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: chat
              group_wait: 2s
            receivers:
              - name: chat
                webex_configs:
                  - api_url: {{{sink}}}/v1/messages
                    room_id: r
                    message: '{{ .CommonAnnotations.long }}'
                    http_config:
                      authorization: {credentials: t}
            """);
        var start = AlertTimes.Now();
        var longText = string.Concat(Enumerable.Repeat("abc✓é ", 1500));
        await both.PostAsync(AlertTimes.Stamp($$"""[{"labels":{"alertname":"Long"},"annotations":{"long":"{{longText}}"},"startsAt":"@START@"}]""", start));
        var (am, vigil) = await both.WaitForAsync(1);

        SameRequest.Assert(am[0], vigil[0]);
        var markdown = JsonNode.Parse(vigil[0].Text)!["markdown"]!.ToString();
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(markdown) <= 7439);
        Assert.EndsWith("…", markdown, StringComparison.Ordinal);
    }
}
