using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>victorops_configs</c> against a real Alertmanager 0.25 on the same config: the same requests, byte for byte.</summary>
public sealed class VictorOpsReceiverTests
{
    private const string TwoAlerts = """
        [{"labels":{"alertname":"CertExpiry","domain":"a.example","team":"web"},"annotations":{"summary":"Cert <a> expires & soon","days":"3"},
          "startsAt":"2026-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=cert"},
         {"labels":{"alertname":"CertExpiry","domain":"b.example","team":"web"},"annotations":{"summary":"Cert <b> expires & soon"},"startsAt":"2026-01-01T00:03:00Z"}]
        """;

    private const string TwoResolved = """
        [{"labels":{"alertname":"CertExpiry","domain":"a.example","team":"web"},"annotations":{"summary":"Cert <a> expires & soon","days":"3"},
          "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:09:00Z","generatorURL":"http://prom/graph?g0.expr=cert"},
         {"labels":{"alertname":"CertExpiry","domain":"b.example","team":"web"},"annotations":{"summary":"Cert <b> expires & soon"},
          "startsAt":"2026-01-01T00:03:00Z","endsAt":"2026-01-01T00:09:00Z"}]
        """;

    [Fact]
    public async Task DefaultTemplatesAndGlobalKeyAndUrl_FiringThenRecovery_SameRequestsAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            global:
              victorops_api_url: {sink}/integrations/generic/20131114/alert
              victorops_api_key: GLOBAL-VO-KEY
            route:
              receiver: vo
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: vo
                victorops_configs:
                  - routing_key: web-team
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(1);
        AssertSame(am[0], vigil[0]);
        Assert.Equal("/integrations/generic/20131114/alert/GLOBAL-VO-KEY/web-team", vigil[0].PathAndQuery);

        await both.PostAsync(RecentTimes.Set(TwoResolved, started));
        (am, vigil) = await both.WaitForAsync(2);
        AssertSame(am[1], vigil[1]);
        Assert.Contains("\"message_type\":\"RECOVERY\"", vigil[1].Text, StringComparison.Ordinal);
        await ReceiverSecrets.AssertHiddenAsync(both.Vigil, "GLOBAL-VO-KEY");
    }

    [Fact]
    public async Task CustomTemplatedFieldsAndRoutingKey_SameRequestAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: vo
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: vo
                victorops_configs:
                  - api_key: key-1
                    api_url: {{{sink}}}/vo
                    routing_key: 'team-{{ .CommonLabels.team }}'
                    message_type: '{{ if eq .CommonLabels.team "web" }}WARNING{{ else }}INFO{{ end }}'
                    entity_display_name: '{{ .CommonLabels.alertname }} on {{ len .Alerts }} domains'
                    state_message: '{{ range .Alerts }}{{ .Labels.domain }}: {{ .Annotations.summary }}{{ "\n" }}{{ end }}'
                    monitoring_tool: 'prometheus & vigil'
                    custom_fields:
                      runbook: 'https://wiki/{{ .CommonLabels.alertname }}'
                      team: '{{ .CommonLabels.team }}'
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(1);
        AssertSame(am[0], vigil[0]);
        Assert.Equal("/vo/key-1/team-web", vigil[0].PathAndQuery);
        Assert.Contains("\"message_type\":\"WARNING\"", vigil[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyFileAndRejectedAlert_KeyReadAtSendTime_ErrorAndTargetWithoutTheKey()
    {
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("vo-key-").FullName, "key");
        await File.WriteAllTextAsync(keyFile, "FILE-VO-KEY-42\n");
        await using var sink = await RequestSink.StartAsync();
        sink.Status = 400;
        sink.ResponseBody = """{"result":"failure","message":"Missing fields"}""";
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: vo
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: vo
                victorops_configs:
                  - api_key_file: {keyFile}
                    api_url: {sink.BaseUrl}/
                    routing_key: ops
                    message_type: BOGUS
                  - api_key: INLINE-VO-KEY-42
                    api_url: {sink.BaseUrl}/
                    routing_key: ops
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");
        var got = await sink.WaitForAsync(2);
        var fromFile = Assert.Single(got, r => r.PathAndQuery == "/FILE-VO-KEY-42/ops");
        Assert.Contains("\"message_type\":\"CRITICAL\"", fromFile.Text, StringComparison.Ordinal);

        Assert.Equal("""unexpected status code 400: {"result":"failure","message":"Missing fields"}""", await ReceiverSecrets.LastErrorAsync(vigil));
        await ReceiverSecrets.AssertHiddenAsync(vigil, "FILE-VO-KEY-42", "INLINE-VO-KEY-42");
    }

    private static void AssertSame(SinkRequest am, SinkRequest vigil)
    {
        Assert.Equal(am.Method, vigil.Method);
        Assert.Equal(am.PathAndQuery, vigil.PathAndQuery);
        Assert.Equal(am.Header("Content-Type"), vigil.Header("Content-Type"));
        Assert.True(am.Text == vigil.Text, $"bodies differ\nAlertmanager: {am.Text}\nVigil:        {vigil.Text}");
    }
}
