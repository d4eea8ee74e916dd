using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>telegram_configs</c> against a real Alertmanager 0.25 on the same configuration and alerts: the same sendMessage call.</summary>
public sealed class TelegramReceiverTests
{
    /// <summary>What Telegram answers to sendMessage (Alertmanager 0.25 reads the message from it; without one it crashes).</summary>
    private const string Sent = """{"ok":true,"result":{"message_id":7,"chat":{"id":-1001234,"type":"supergroup"},"date":1764583200,"text":"x"}}""";

    private const string TwoAlerts = """
        [{"labels":{"alertname":"QueueStuck","severity":"warning","queue":"<emails>","env":"prod"},
          "annotations":{"summary":"Queue <emails> & co stuck for \"5m\"","description":"Ünïcode ✓ — see <b>docs</b>"},
          "generatorURL":"http://prometheus:9090/graph?g0.expr=a&g0.tab=1","startsAt":"@START@"},
         {"labels":{"alertname":"QueueStuck","severity":"warning","queue":"sms","env":"prod"},
          "annotations":{"summary":"Queue sms stuck"},"startsAt":"@START@"}]
        """;

    private static async Task<SideBySide> StartAsync(Func<string, string> config)
    {
        var both = await SideBySide.StartAsync(config);
        both.AlertmanagerSink.ResponseBody = Sent;
        both.VigilSink.ResponseBody = Sent;
        return both;
    }

    [Fact]
    public async Task DefaultTemplateInHtmlMode_SendsTheSameSendMessageAsAlertmanager()
    {
        await using var both = await StartAsync(sink => $"""
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                telegram_configs:
                  - api_url: {sink}
                    bot_token: '123456:ABC-bot-token'
                    chat_id: -1001234
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(1);

        SameRequest.Assert(am[0], vigil[0]);
        Assert.Equal("/bot123456:ABC-bot-token/sendMessage", vigil[0].PathAndQuery);
        var body = JsonNode.Parse(vigil[0].Text)!;
        Assert.Equal("HTML", body["parse_mode"]!.ToString());
        Assert.Contains("Queue &lt;emails&gt; &amp; co", body["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomTemplateFromAFile_MarkdownAndSilent_SendsTheSameAsAlertmanager()
    {
        var dir = Directory.CreateTempSubdirectory("tg-tmpl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "telegram.tmpl"), """
            {{ define "tg.ops" }}*{{ .Status | toUpper }}* {{ .GroupLabels.alertname }}
            {{ range .Alerts.Firing }}• {{ .Labels.queue }}: {{ .Annotations.summary }} ({{ .StartsAt.Format "15:04" }})
            {{ end }}{{ end }}
            """);
        await using var both = await StartAsync(sink => $$$"""
            templates: ['{{{dir}}}/*.tmpl']
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: chat
                telegram_configs:
                  - api_url: {{{sink}}}/
                    bot_token: tok-1
                    chat_id: 42
                    parse_mode: MarkdownV2
                    disable_notifications: yes
                    message: '{{ template "tg.ops" . }}'
                  - api_url: {{{sink}}}
                    bot_token: tok-2
                    chat_id: 43
                    parse_mode: ''
                    message: '{{ .CommonAnnotations.summary }} <{{ .ExternalURL }}>'
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        var (am, vigil) = await both.WaitForAsync(2);

        SameRequest.AssertAll(am.OrderBy(r => r.PathAndQuery, StringComparer.Ordinal).ToList(), vigil.OrderBy(r => r.PathAndQuery, StringComparer.Ordinal).ToList());
        Assert.Contains(vigil, r => r.PathAndQuery == "//bottok-1/sendMessage");
    }

    [Fact]
    public async Task FiringThenResolved_WithTheGlobalApiUrlAndHttpConfig_SendsBothAsAlertmanagerDoes()
    {
        await using var both = await StartAsync(sink => $$"""
            global:
              telegram_api_url: {{sink}}/tg
              http_config:
                basic_auth: {username: proxy, password: p4ss}
            route:
              receiver: chat
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: chat
                telegram_configs:
                  - bot_token: tok
                    chat_id: 7
            """);
        var start = AlertTimes.Now();
        await both.PostAsync(AlertTimes.Stamp(TwoAlerts, start));
        await both.WaitForAsync(1);
        await both.PostAsync(AlertTimes.Stamp("""
            [{"labels":{"alertname":"QueueStuck","severity":"warning","queue":"<emails>","env":"prod"},"startsAt":"@START@","endsAt":"@END@"},
             {"labels":{"alertname":"QueueStuck","severity":"warning","queue":"sms","env":"prod"},"startsAt":"@START@","endsAt":"@END@"}]
            """, start));
        var (am, vigil) = await both.WaitForAsync(2);

        SameRequest.AssertAll(am.Take(2).ToList(), vigil.Take(2).ToList());
        Assert.Equal("/tg/bottok/sendMessage", vigil[1].PathAndQuery);
        Assert.StartsWith("Basic ", vigil[1].Header("Authorization"));
        Assert.Contains("Alerts Resolved:", JsonNode.Parse(vigil[1].Text)!["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelegramRefusal_InTheAnswerBody_FailsTheNotification_AndTheTokenIsNeverShown()
    {
        await using var sink = await RequestSink.StartAsync();
        // Telegram answers API errors in the body; the status code is not what Alertmanager's client reads.
        sink.ResponseBody = """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""";
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: chat
              group_wait: 0s
            receivers:
              - name: chat
                telegram_configs:
                  - api_url: {sink.BaseUrl}
                    bot_token: 999:very-secret-token
                    chat_id: 5
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");

        var notification = await SecretChecks.AssertNeverShownAsync(vigil, "failed", ["very-secret-token"], ["bot_token"]);
        Assert.Equal("telegram: Bad Request: chat not found (400)", notification["lastError"]!.ToString());
        Assert.Single(sink.Requests);
    }

    [Fact]
    public async Task AMessageOverTelegramsLimit_IsCutAsAlertmanagerCutsIt()
    {
        await using var both = await StartAsync(sink => $$$"""
            route:
              receiver: chat
              group_wait: 2s
            receivers:
              - name: chat
                telegram_configs:
                  - api_url: {{{sink}}}
                    bot_token: tok
                    chat_id: 1
                    message: '{{ .CommonAnnotations.long }}'
            """);
        var start = AlertTimes.Now();
        var longText = string.Concat(Enumerable.Repeat("abc✓é ", 1500));
        await both.PostAsync(AlertTimes.Stamp($$"""[{"labels":{"alertname":"Long"},"annotations":{"long":"{{longText}}"},"startsAt":"@START@"}]""", start));
        var (am, vigil) = await both.WaitForAsync(1);

        SameRequest.Assert(am[0], vigil[0]);
        var text = JsonNode.Parse(vigil[0].Text)!["text"]!.ToString();
        Assert.Equal(4096, text.EnumerateRunes().Count());
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }
}
