using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>wechat_configs</c> against a real Alertmanager 0.25 on the same config: the token request, then the sends, byte for byte.</summary>
public sealed class WechatReceiverTests
{
    private const string TokenAndOk = """{"access_token":"TOKEN-1","code":0,"errcode":0,"errmsg":"ok"}""";

    private const string TwoAlerts = """
        [{"labels":{"alertname":"Backup","job":"nightly","site":"sh"},"annotations":{"summary":"Backup <late> & missing"},
          "startsAt":"2026-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=backup"},
         {"labels":{"alertname":"Backup","job":"weekly","site":"sh"},"annotations":{"summary":"Backup <late> & missing"},"startsAt":"2026-01-01T00:04:00Z"}]
        """;

    private const string TwoResolved = """
        [{"labels":{"alertname":"Backup","job":"nightly","site":"sh"},"annotations":{"summary":"Backup <late> & missing"},
          "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:09:00Z","generatorURL":"http://prom/graph?g0.expr=backup"},
         {"labels":{"alertname":"Backup","job":"weekly","site":"sh"},"annotations":{"summary":"Backup <late> & missing"},
          "startsAt":"2026-01-01T00:04:00Z","endsAt":"2026-01-01T00:09:00Z"}]
        """;

    [Fact]
    public async Task DefaultTemplatesAndGlobals_TokenThenFiringThenResolved_TokenFetchedOnce_SameRequestsAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            global:
              wechat_api_url: {sink}/cgi-bin
              wechat_api_secret: GLOBAL-WC-SECRET
              wechat_api_corp_id: corp-1
            route:
              receiver: wc
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: wc
                wechat_configs:
                  - send_resolved: true
                    to_user: '@all'
            """);
        both.AlertmanagerSink.ResponseBody = TokenAndOk;
        both.VigilSink.ResponseBody = TokenAndOk;
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(2);
        Assert.Equal("/cgi-bin/gettoken?corpid=corp-1&corpsecret=GLOBAL-WC-SECRET", vigil[0].PathAndQuery);
        Assert.Equal("/cgi-bin/message/send?access_token=TOKEN-1", vigil[1].PathAndQuery);
        AssertSame(am[0], vigil[0]);
        AssertSame(am[1], vigil[1]);

        await both.PostAsync(RecentTimes.Set(TwoResolved, started));
        (am, vigil) = await both.WaitForAsync(3);
        AssertSame(am[2], vigil[2]);
        Assert.Equal("/cgi-bin/message/send?access_token=TOKEN-1", vigil[2].PathAndQuery);
        await ReceiverSecrets.AssertHiddenAsync(both.Vigil, "GLOBAL-WC-SECRET", "TOKEN-1");
    }

    [Fact]
    public async Task MarkdownAndTemplatedRecipients_SameRequestsAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: wc
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: wc
                wechat_configs:
                  - api_url: {{{sink}}}/wx/
                    api_secret: 'sec ret/{{ .CommonLabels.site }}'
                    corp_id: 'corp+{{ .CommonLabels.site }}'
                    message_type: markdown
                    message: '**{{ .CommonLabels.alertname }}** {{ range .Alerts }}`{{ .Labels.job }}` {{ end }}<font color="warning">&</font>'
                    to_user: '{{ .CommonLabels.site }}-oncall'
                    to_party: '2|3'
                    to_tag: '{{ .CommonLabels.missing }}'
                    agent_id: '1000002'
            """);
        both.AlertmanagerSink.ResponseBody = TokenAndOk;
        both.VigilSink.ResponseBody = TokenAndOk;
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(2);
        AssertSame(am[0], vigil[0]);
        AssertSame(am[1], vigil[1]);
        Assert.Contains("\"msgtype\":\"markdown\"", vigil[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedSend_FailsWithWeChatsError_SecretNotShown()
    {
        await using var sink = await RequestSink.StartAsync();
        sink.ResponseBody = """{"access_token":"TOKEN-2","code":40014,"error":"invalid access_token"}""";
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: wc
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: wc
                wechat_configs:
                  - api_url: {sink.BaseUrl}/
                    api_secret: INLINE-WC-SECRET-42
                    corp_id: corp-2
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");
        await sink.WaitForAsync(2);
        Assert.Equal("invalid access_token", await ReceiverSecrets.LastErrorAsync(vigil));
        await ReceiverSecrets.AssertHiddenAsync(vigil, "INLINE-WC-SECRET-42", "TOKEN-2");
    }

    private static void AssertSame(SinkRequest am, SinkRequest vigil)
    {
        Assert.Equal(am.Method, vigil.Method);
        Assert.Equal(am.PathAndQuery, vigil.PathAndQuery);
        Assert.Equal(am.Header("Content-Type"), vigil.Header("Content-Type"));
        Assert.True(am.Text == vigil.Text, $"bodies differ\nAlertmanager: {am.Text}\nVigil:        {vigil.Text}");
    }
}
