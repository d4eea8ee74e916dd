using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>Webhooks with Alertmanager's http_config and url_file, against a real Alertmanager 0.25 on the same config.</summary>
public sealed class WebhookReceiverTests
{
    [Fact]
    public async Task WebhookWithBasicAuth_SendsTheSameBodyAndAuthorizationAsAlertmanager_WithVigilsUserAgent()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            route:
              receiver: hook
              group_by: [alertname]
              # Not 0s: with no wait Alertmanager may flush after the first of the two alerts, under load.
              group_wait: 2s
            receivers:
              - name: hook
                webhook_configs:
                  - url: {sink}/hook
                    send_resolved: yes
                    max_alerts: 1
                    http_config:
                      basic_auth:
                        username: vigil
                        password: s3cret
            """);
        await both.PostAsync("""[{"labels":{"alertname":"Disk","host":"a"}},{"labels":{"alertname":"Disk","host":"b"}}]""");
        var (am, vigil) = await both.WaitForAsync(1);

        Assert.Equal("/hook", vigil[0].PathAndQuery);
        Assert.Equal(am[0].Header("Authorization"), vigil[0].Header("Authorization"));
        Assert.Equal(am[0].Header("Content-Type"), vigil[0].Header("Content-Type"));
        Assert.StartsWith("Alertmanager/", am[0].Header("User-Agent"));
        Assert.StartsWith("Vigil/", vigil[0].Header("User-Agent"));
        Assert.Equal(Comparable(am[0].Text), Comparable(vigil[0].Text));
    }

    [Fact]
    public async Task RouteWithMatchRe_HasAlertmanagersGroupKey_AndYamlOneOneBooleansAreRead()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            route:
              receiver: default
              group_wait: 0s
              routes:
                - receiver: hook
                  group_by: ['...']
                  match_re:
                    service: foo|bar
                  match:
                    tier: web
                  continue: no
            receivers:
              - name: default
              - name: hook
                webhook_configs:
                  - url: {sink}/hook
                    send_resolved: Yes
            """);
        await both.PostAsync("""[{"labels":{"alertname":"Errors","service":"foo","tier":"web"},"annotations":{"summary":"5xx > 1%"}}]""");
        var (am, vigil) = await both.WaitForAsync(1);

        var groupKey = System.Text.Json.Nodes.JsonNode.Parse(vigil[0].Text)!["groupKey"]!.ToString();
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(am[0].Text)!["groupKey"]!.ToString(), groupKey);
        Assert.Contains("service=~\"^(?:foo|bar)$\"", groupKey);
        Assert.Equal(Comparable(am[0].Text), Comparable(vigil[0].Text));
    }

    [Fact]
    public async Task WebhookWithUrlFile_ReadsTheUrlAtSendTime()
    {
        await using var sink = await RequestSink.StartAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("url-file-").FullName, "url");
        await File.WriteAllTextAsync(file, sink.BaseUrl + "/first\n");
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 0s
            receivers:
              - name: hook
                webhook_configs:
                  - url_file: {file}
                    http_config:
                      authorization:
                        credentials: tok
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");
        var first = await sink.WaitForAsync(1);
        Assert.Equal("/first", first[0].PathAndQuery);
        Assert.Equal("Bearer tok", first[0].Header("Authorization"));

        await File.WriteAllTextAsync(file, sink.BaseUrl + "/second");
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"B"}}]""");
        var both = await sink.WaitForAsync(2);
        Assert.Equal("/second", both[1].PathAndQuery);
    }

    /// <summary>The body without what differs by design: the times each server stamps.</summary>
    internal static string Comparable(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"(startsAt|endsAt)\":\"[^\"]*\"", "\"$1\":\"X\"");
}
