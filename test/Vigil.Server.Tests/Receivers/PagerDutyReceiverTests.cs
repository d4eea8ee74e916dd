using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary><c>pagerduty_configs</c> (Events API v2) against a real Alertmanager 0.25 on the same config: the same requests, byte for byte.</summary>
public sealed class PagerDutyReceiverTests
{
    private const string TwoAlerts = """
        [{"labels":{"alertname":"DiskFull","host":"db-1","severity":"critical"},"annotations":{"summary":"Disk <90%> & rising","runbook":"https://wiki/disk"},
          "startsAt":"2026-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=disk"},
         {"labels":{"alertname":"DiskFull","host":"db-2","severity":"critical"},"annotations":{"summary":"Disk <90%> & rising"},
          "startsAt":"2026-01-01T00:01:00Z"}]
        """;

    private const string TwoResolved = """
        [{"labels":{"alertname":"DiskFull","host":"db-1","severity":"critical"},"annotations":{"summary":"Disk <90%> & rising","runbook":"https://wiki/disk"},
          "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:10:00Z","generatorURL":"http://prom/graph?g0.expr=disk"},
         {"labels":{"alertname":"DiskFull","host":"db-2","severity":"critical"},"annotations":{"summary":"Disk <90%> & rising"},
          "startsAt":"2026-01-01T00:01:00Z","endsAt":"2026-01-01T00:10:00Z"}]
        """;

    [Fact]
    public async Task DefaultTemplatesAndGlobalUrl_FiringThenResolved_SameRequestsAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            global:
              pagerduty_url: {sink}/v2/enqueue
            route:
              receiver: pd
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: pd
                pagerduty_configs:
                  - routing_key: R0UTINGKEY0123456789012345678901
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(1);
        AssertSame(am[0], vigil[0]);
        Assert.Contains("\"event_action\":\"trigger\"", vigil[0].Text, StringComparison.Ordinal);

        await both.PostAsync(RecentTimes.Set(TwoResolved, started));
        (am, vigil) = await both.WaitForAsync(2);
        AssertSame(am[1], vigil[1]);
        Assert.Contains("\"event_action\":\"resolve\"", vigil[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomTemplatedFields_LinksImagesDetailsAndLongSummary_SameRequestAsAlertmanager()
    {
        var longSummary = new string('é', 1100);
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: pd
              group_by: [alertname, host]
              group_wait: 2s
            receivers:
              - name: pd
                pagerduty_configs:
                  - routing_key: '{{ "key-" }}{{ .CommonLabels.team }}'
                    url: {{{sink}}}/custom/enqueue?x=1
                    send_resolved: no
                    client: 'Vigil for {{ .CommonLabels.team }}'
                    client_url: '{{ .ExternalURL }}/#/alerts'
                    description: '{{ range .Alerts }}{{ .Annotations.long }}{{ end }}'
                    severity: '{{ if eq .CommonLabels.severity "critical" }}critical{{ else }}warning{{ end }}'
                    class: '{{ .CommonLabels.alertname }}'
                    component: '{{ .CommonLabels.service }}'
                    group: '{{ .CommonLabels.team }}'
                    source: '{{ .CommonLabels.host }}'
                    details:
                      firing: '{{ .Alerts.Firing | len }} firing'
                      runbook: '{{ .CommonAnnotations.runbook }}'
                      labels: '{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }};{{ end }}'
                      number: 42
                    links:
                      - href: '{{ .CommonAnnotations.runbook }}'
                        text: Runbook
                      - href: '{{ .CommonAnnotations.missing }}'
                        text: dropped because its href is empty
                    images:
                      - src: 'https://grafana/render?{{ .CommonLabels.host }}'
                        alt: graph
                        href: https://grafana/d/1
                      - src: ''
                        alt: dropped
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set($$$"""
            [{"labels":{"alertname":"Latency","host":"web-1","team":"sre","service":"checkout","severity":"critical"},
              "annotations":{"runbook":"https://wiki/latency?a=1&b=2","long":"{{{longSummary}}}"},"startsAt":"2026-01-01T00:00:00Z"}]
            """, started));
        var (am, vigil) = await both.WaitForAsync(1);
        Assert.Equal("/custom/enqueue?x=1", vigil[0].PathAndQuery);
        AssertSame(am[0], vigil[0]);
        Assert.Contains("\"routing_key\":\"key-sre\"", vigil[0].Text, StringComparison.Ordinal);
        Assert.Contains(new string('é', 1023) + "…\"", vigil[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsApiV1WithServiceKey_PostsToPagerDutysV1Endpoint_FiringThenResolved_SameRequestsAsAlertmanager()
    {
        // Alertmanager 0.25 always posts v1 events to PagerDuty's fixed HTTPS endpoint: both go through a TLS-intercepting proxy.
        await using var proxy = InterceptingProxy.Start();
        await using var both = await SideBySide.StartAsync(_ => $$$"""
            route:
              receiver: pd
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: pd
                pagerduty_configs:
                  - service_key: SERVICEKEY0123456789
                    url: http://127.0.0.1:9/ignored-by-v1
                    details:
                      host: '{{ .CommonLabels.host }}'
                    http_config:
                      proxy_url: {{{proxy.Url}}}
                      tls_config:
                        ca_file: {{{proxy.CaFile}}}
            """);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await ThroughProxyAsync(proxy, 1);
        Assert.Equal("/generic/2010-04-15/create_event.json", vigil[0].PathAndQuery);
        Assert.Equal("events.pagerduty.com", vigil[0].Header("Host"));
        AssertSame(am[0], vigil[0]);

        await both.PostAsync(RecentTimes.Set(TwoResolved, started));
        (am, vigil) = await ThroughProxyAsync(proxy, 2);
        AssertSame(am[1], vigil[1]);
        Assert.Contains("\"event_type\":\"resolve\"", vigil[1].Text, StringComparison.Ordinal);
        await ReceiverSecrets.AssertHiddenAsync(both.Vigil, "SERVICEKEY0123456789");
    }

    [Fact]
    public async Task RoutingKeyFileAndRejectedEvent_KeyReadAtSendTime_ErrorShownWithoutTheKey()
    {
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("pd-key-").FullName, "key");
        await File.WriteAllTextAsync(keyFile, "FILEKEY0123456789\n");
        await using var sink = await RequestSink.StartAsync();
        sink.Status = 400;
        sink.ResponseBody = """{"status":"invalid event","message":"Event object is invalid","errors":["Length of 'routing_key' is incorrect"]}""";
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: pd
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: pd
                pagerduty_configs:
                  - routing_key_file: {keyFile}
                    url: {sink.BaseUrl}/v2/enqueue
                  - routing_key: INLINEKEY0123456789
                    url: {sink.BaseUrl}/v2/enqueue
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}}]""");
        var got = await sink.WaitForAsync(2);
        Assert.Contains(got, r => r.Text.Contains("\"routing_key\":\"FILEKEY0123456789\"", StringComparison.Ordinal));

        Assert.Equal("unexpected status code 400: Event object is invalid: Length of 'routing_key' is incorrect", await ReceiverSecrets.LastErrorAsync(vigil));
        await ReceiverSecrets.AssertHiddenAsync(vigil, "FILEKEY0123456789", "INLINEKEY0123456789");
    }

    private static async Task<(List<SinkRequest> Alertmanager, List<SinkRequest> Vigil)> ThroughProxyAsync(InterceptingProxy proxy, int count)
    {
        static bool From(SinkRequest r, string agent) => r.Header("User-Agent")?.StartsWith(agent, StringComparison.Ordinal) == true;
        var all = await Eventually.GetAsync(() => Task.FromResult(proxy.Requests),
            r => r.Count(x => From(x, "Alertmanager/")) >= count && r.Count(x => From(x, "Vigil/")) >= count);
        var am = all.Where(x => From(x, "Alertmanager/")).ToList();
        var vigil = all.Where(x => From(x, "Vigil/")).ToList();
        Assert.True(am.Count >= count && vigil.Count >= count, $"{am.Count} from Alertmanager and {vigil.Count} from Vigil, {count} expected of each");
        return (am, vigil);
    }

    private static void AssertSame(SinkRequest am, SinkRequest vigil)
    {
        Assert.Equal(am.Method, vigil.Method);
        Assert.Equal(am.PathAndQuery, vigil.PathAndQuery);
        Assert.Equal(am.Header("Content-Type"), vigil.Header("Content-Type"));
        Assert.True(am.Text == vigil.Text, $"bodies differ\nAlertmanager: {am.Text}\nVigil:        {vigil.Text}");
    }
}
