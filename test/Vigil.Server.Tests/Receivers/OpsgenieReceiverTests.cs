using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>opsgenie_configs</c> against a real Alertmanager 0.25 on the same config: the same requests, byte for byte.</summary>
public sealed class OpsgenieReceiverTests
{
    private const string TwoAlerts = """
        [{"labels":{"alertname":"QueueStuck","queue":"mail","team":"ops"},"annotations":{"summary":"Queue <mail> stuck","description":"no progress & growing"},
          "startsAt":"2026-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=queue"},
         {"labels":{"alertname":"QueueStuck","queue":"sms","team":"ops"},"annotations":{"summary":"Queue <sms> stuck"},"startsAt":"2026-01-01T00:02:00Z"}]
        """;

    private const string TwoResolved = """
        [{"labels":{"alertname":"QueueStuck","queue":"mail","team":"ops"},"annotations":{"summary":"Queue <mail> stuck","description":"no progress & growing"},
          "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:09:00Z","generatorURL":"http://prom/graph?g0.expr=queue"},
         {"labels":{"alertname":"QueueStuck","queue":"sms","team":"ops"},"annotations":{"summary":"Queue <sms> stuck"},
          "startsAt":"2026-01-01T00:02:00Z","endsAt":"2026-01-01T00:09:00Z"}]
        """;

    [Fact]
    public async Task DefaultTemplatesAndGlobalKeyAndUrl_CreateThenClose_SameRequestsAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            global:
              opsgenie_api_url: {sink}/og
              opsgenie_api_key: GLOBALGENIEKEY
            route:
              receiver: og
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: og
                opsgenie_configs:
                  - send_resolved: true
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(1);
        AssertSame(am[0], vigil[0]);
        Assert.Equal("/og/v2/alerts", vigil[0].PathAndQuery);
        Assert.Equal("GenieKey GLOBALGENIEKEY", vigil[0].Header("Authorization"));

        await both.PostAsync(RecentTimes.Set(TwoResolved, started));
        (am, vigil) = await both.WaitForAsync(2);
        AssertSame(am[1], vigil[1]);
        Assert.EndsWith("/close?identifierType=alias", vigil[1].PathAndQuery, StringComparison.Ordinal);
        await ReceiverSecrets.AssertHiddenAsync(both.Vigil, "GLOBALGENIEKEY");
    }

    [Fact]
    public async Task CustomFieldsRespondersAndUpdateAlerts_CreateAndTwoUpdates_SameRequestsAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: og
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: og
                opsgenie_configs:
                  - api_key: '{{ "key-" }}{{ .CommonLabels.team }}'
                    api_url: {{{sink}}}/api/
                    message: '{{ .CommonLabels.alertname }}: {{ range .Alerts }}{{ .Annotations.summary }} {{ end }}and a long tail that makes the message longer than one hundred and thirty runes, which Opsgenie refuses, so it is cut short'
                    description: '{{ .CommonAnnotations.description }}'
                    source: 'vigil-{{ .Receiver }}'
                    details:
                      team: 'overridden {{ .CommonLabels.team }}'
                      count: '{{ len .Alerts }}'
                    entity: '{{ .CommonLabels.queue }}'
                    responders:
                      - name: '{{ .CommonLabels.team }}'
                        type: team
                      - username: 'oncall@example.com'
                        type: User
                      - id: '{{ .CommonLabels.missing }}'
                        type: '{{ .CommonLabels.missing }}'
                      - name: 'ops,dba , ,web'
                        type: teams
                      - id: 4513b7ea-3b91-438f-b7e4-e3e54af9147c
                        type: escalation
                    actions: 'restart,page, ,ack'
                    tags: ' a,b ,{{ .CommonLabels.team }}, '
                    note: 'Note & <stuff>'
                    priority: '{{ if eq .CommonLabels.team "ops" }}P1{{ else }}P3{{ end }}'
                    update_alerts: true
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set("""
            [{"labels":{"alertname":"QueueStuck","queue":"mail","team":"ops"},"annotations":{"summary":"Queue <mail> stuck","description":"no progress"},
              "startsAt":"2026-01-01T00:00:00Z"}]
            """, started));
        var (am, vigil) = await both.WaitForAsync(3);
        for (var i = 0; i < 3; i++)
        {
            AssertSame(am[i], vigil[i]);
        }
        Assert.Equal(["POST", "PUT", "PUT"], vigil.Take(3).Select(r => r.Method));
        Assert.Equal("GenieKey key-ops", vigil[0].Header("Authorization"));
        Assert.Contains("…\"", vigil[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyFileAndRejectedAlert_KeyReadAtSendTime_ErrorShownWithoutTheKey()
    {
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("og-key-").FullName, "key");
        await File.WriteAllTextAsync(keyFile, "FILEGENIEKEY42\n");
        await using var sink = await RequestSink.StartAsync();
        sink.Status = 422;
        sink.ResponseBody = """{"message":"Request body is not processable","took":0.001}""";
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: og
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: og
                opsgenie_configs:
                  - api_key_file: {keyFile}
                    api_url: {sink.BaseUrl}
                  - api_key: INLINEGENIEKEY42
                    api_url: {sink.BaseUrl}
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");
        var got = await sink.WaitForAsync(2);
        Assert.Contains(got, r => r.Header("Authorization") == "GenieKey FILEGENIEKEY42");
        Assert.Equal("/v2/alerts", got[0].PathAndQuery);

        Assert.Equal("""unexpected status code 422: {"message":"Request body is not processable","took":0.001}""", await ReceiverSecrets.LastErrorAsync(vigil));
        await ReceiverSecrets.AssertHiddenAsync(vigil, "FILEGENIEKEY42", "INLINEGENIEKEY42");
    }

    private static void AssertSame(SinkRequest am, SinkRequest vigil)
    {
        Assert.Equal(am.Method, vigil.Method);
        Assert.Equal(am.PathAndQuery, vigil.PathAndQuery);
        Assert.Equal(am.Header("Content-Type"), vigil.Header("Content-Type"));
        Assert.Equal(am.Header("Authorization"), vigil.Header("Authorization"));
        Assert.True(am.Text == vigil.Text, $"bodies differ\nAlertmanager: {am.Text}\nVigil:        {vigil.Text}");
    }
}
