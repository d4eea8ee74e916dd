using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>
/// <c>pushover_configs</c> against a real Alertmanager 0.25 on the same config. Alertmanager 0.25 posts to Pushover's
/// fixed HTTPS URL, so both go through a TLS-intercepting proxy (<c>http_config.proxy_url</c>, the proxy's CA trusted
/// through <c>tls_config.ca_file</c>) that records the requests inside the tunnel; they are told apart by User-Agent.
/// </summary>
public sealed class PushoverReceiverTests
{
    private const string TwoAlerts = """
        [{"labels":{"alertname":"Battery","device":"ups-1","room":"a"},"annotations":{"summary":"UPS <ups-1> on battery & draining"},
          "startsAt":"2026-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=ups"},
         {"labels":{"alertname":"Battery","device":"ups-2","room":"a"},"annotations":{"summary":"UPS <ups-1> on battery & draining"},"startsAt":"2026-01-01T00:05:00Z"}]
        """;

    private const string TwoResolved = """
        [{"labels":{"alertname":"Battery","device":"ups-1","room":"a"},"annotations":{"summary":"UPS <ups-1> on battery & draining"},
          "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:09:00Z","generatorURL":"http://prom/graph?g0.expr=ups"},
         {"labels":{"alertname":"Battery","device":"ups-2","room":"a"},"annotations":{"summary":"UPS <ups-1> on battery & draining"},
          "startsAt":"2026-01-01T00:05:00Z","endsAt":"2026-01-01T00:09:00Z"}]
        """;

    [Fact]
    public async Task DefaultTemplates_FiringThenResolved_SameRequestsAsAlertmanager()
    {
        await using var proxy = InterceptingProxy.Start();
        await using var both = await SideBySide.StartAsync(_ => $"""
            route:
              receiver: po
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: po
                pushover_configs:
                  - user_key: USER-KEY-42
                    token: APP-TOKEN-42
                    http_config:
                      proxy_url: {proxy.Url}
                      tls_config:
                        ca_file: {proxy.CaFile}
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await SplitAsync(proxy, 1);
        AssertSame(am[0], vigil[0]);
        Assert.StartsWith("/1/messages.json?expire=3600&message=", vigil[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("&priority=2&", vigil[0].PathAndQuery, StringComparison.Ordinal);

        await both.PostAsync(RecentTimes.Set(TwoResolved, started));
        (am, vigil) = await SplitAsync(proxy, 2);
        AssertSame(am[1], vigil[1]);
        Assert.Contains("&priority=0&", vigil[1].PathAndQuery, StringComparison.Ordinal);
        await ReceiverSecrets.AssertHiddenAsync(both.Vigil, "USER-KEY-42", "APP-TOKEN-42");
    }

    [Fact]
    public async Task HtmlMessageAndCustomFields_SameRequestAsAlertmanager()
    {
        await using var proxy = InterceptingProxy.Start();
        await using var both = await SideBySide.StartAsync(_ => $$$"""
            route:
              receiver: po
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: po
                pushover_configs:
                  - user_key: '{{ .CommonLabels.room }}-user'
                    token: tok
                    title: '{{ .CommonLabels.alertname }} {{ range .Alerts }}{{ .Labels.device }} and a long long long long long long long long long long long long long long long long long long tail {{ end }}'
                    message: '<b>{{ .CommonLabels.alertname }}</b> {{ range .Alerts }}{{ .Annotations.summary }} {{ end }}'
                    html: true
                    url: 'https://status.example/{{ .CommonLabels.room }}?a=1&b=2'
                    url_title: 'Room {{ .CommonLabels.room }}'
                    sound: siren
                    priority: '{{ if eq .Status "firing" }}1{{ else }}-1{{ end }}'
                    retry: 30s
                    expire: 2h30m
                    http_config:
                      proxy_url: {{{proxy.Url}}}
                      tls_config:
                        ca_file: {{{proxy.CaFile}}}
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await SplitAsync(proxy, 1);
        AssertSame(am[0], vigil[0]);
        Assert.Contains("&html=1&", vigil[0].PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("&retry=30&", vigil[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankMessage_IsSentAsNoDetails_LikeAlertmanager()
    {
        await using var proxy = InterceptingProxy.Start();
        await using var both = await SideBySide.StartAsync(_ => $$$"""
            route:
              receiver: po
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: po
                pushover_configs:
                  - user_key: u
                    token: t
                    message: '{{ " " }}{{ .CommonAnnotations.missing }}'
                    http_config:
                      proxy_url: {{{proxy.Url}}}
                      tls_config:
                        ca_file: {{{proxy.CaFile}}}
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await SplitAsync(proxy, 1);
        AssertSame(am[0], vigil[0]);
        Assert.Contains("&message=%28no+details%29&", vigil[0].PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>The first <paramref name="count"/> requests of each through the proxy, Alertmanager's and Vigil's.</summary>
    private static async Task<(List<SinkRequest> Alertmanager, List<SinkRequest> Vigil)> SplitAsync(InterceptingProxy proxy, int count)
    {
        var all = await Eventually.GetAsync(() => Task.FromResult(proxy.Requests),
            r => r.Count(x => From(x, "Alertmanager/")) >= count && r.Count(x => From(x, "Vigil/")) >= count);
        var am = all.Where(x => From(x, "Alertmanager/")).ToList();
        var vigil = all.Where(x => From(x, "Vigil/")).ToList();
        Assert.True(am.Count >= count && vigil.Count >= count, $"{am.Count} from Alertmanager and {vigil.Count} from Vigil, {count} expected of each");
        return (am, vigil);
    }

    private static bool From(SinkRequest request, string agent) => request.Header("User-Agent")?.StartsWith(agent, StringComparison.Ordinal) == true;

    private static void AssertSame(SinkRequest am, SinkRequest vigil)
    {
        Assert.Equal(am.Method, vigil.Method);
        Assert.Equal(am.PathAndQuery, vigil.PathAndQuery);
        Assert.Equal(am.Header("Content-Type"), vigil.Header("Content-Type"));
        Assert.Equal(am.Header("Content-Length"), vigil.Header("Content-Length"));
        Assert.True(am.Text == vigil.Text, $"bodies differ\nAlertmanager: {am.Text}\nVigil:        {vigil.Text}");
    }
}
