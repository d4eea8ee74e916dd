using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Probes;

/// <summary>Probes on the real server against a loopback target that is stopped and started; alerts land in a webhook collector.</summary>
public sealed class ProbeEndToEndTests
{
    private static string Config(string hookUrl, string probes) => Configs.Webhook(hookUrl, extra: "probes:\n" + probes);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HttpProbe_RaisesProbeFailedAfterFall_AndResolvesAfterRise(string engine)
    {
        await using var target = await LoopbackTarget.StartAsync();
        await using var hook = await WebhookCollector.StartAsync();
        var probes = $$"""
              - name: shop
                http: {url: "{{target.Url}}", body_regex: "hel+o"}
                interval: 1s
                timeout: 500ms
                fall: 2
                rise: 2
                labels: {service: shop, impact: customer}
            """;
        await using var vigil = await VigilInstance.StartAsync(engine, Config(hook.Url, probes));
        var up = await WaitForProbeAsync(vigil, "shop", p => p["state"]!.ToString() == "up");
        Assert.Equal("http", up["kind"]!.ToString());

        await target.StopAsync();
        var down = await WaitForProbeAsync(vigil, "shop", p => p["state"]!.ToString() == "down");
        Assert.True(down["consecutiveFailures"]!.GetValue<int>() >= 2);
        var firing = (await hook.WaitForAsync(1, TimeSpan.FromSeconds(20)))[0].Body;
        Assert.Equal("firing", firing["status"]!.ToString());
        var alert = firing["alerts"]![0]!;
        Assert.Equal("ProbeFailed", alert["labels"]!["alertname"]!.ToString());
        Assert.Equal(("shop", "shop", "customer"), (alert["labels"]!["probe"]!.ToString(), alert["labels"]!["service"]!.ToString(), alert["labels"]!["impact"]!.ToString()));
        Assert.False(string.IsNullOrEmpty(alert["annotations"]!["reason"]?.ToString()));

        await target.StartAgainAsync();
        var resolved = await WaitForMessageAsync(hook, m => m["status"]!.ToString() == "resolved");
        Assert.Equal("ProbeFailed", resolved["alerts"]![0]!["labels"]!["alertname"]!.ToString());
        Assert.Equal("up", (await GetProbeAsync(vigil, "shop"))["state"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AProbeDownAcrossARestart_ResolvesWhenItsTargetRecovers(string engine)
    {
        await using var target = await LoopbackTarget.StartAsync();
        await target.StopAsync();
        await using var hook = await WebhookCollector.StartAsync();
        var probes = $"  - name: api\n    http: {{url: \"{target.Url}\"}}\n    interval: 1s\n    timeout: 500ms\n    fall: 1\n    rise: 1\n";
        await using var vigil = await VigilInstance.StartAsync(engine, Config(hook.Url, probes));
        await WaitForMessageAsync(hook, m => m["status"]!.ToString() == "firing");

        await vigil.RestartAsync();
        // Restored from the firing alert, and still down while the restarted node waits for the probe's lease (on
        // PostgreSQL it showed "unknown" then, until the probe ran again here).
        Assert.Equal("down", (await GetProbeAsync(vigil, "api"))["state"]!.ToString());
        await target.StartAgainAsync();
        var resolved = await WaitForMessageAsync(hook, m => m["status"]!.ToString() == "resolved");
        Assert.Equal("api", resolved["alerts"]![0]!["labels"]!["probe"]!.ToString());
    }

    [Fact]
    public async Task TcpProbe_AgainstAClosedPort_Fails_AndMetricsSayWhy()
    {
        using var refusing = new RefusingPort();
        var closed = refusing.Port;
        await using var hook = await WebhookCollector.StartAsync();
        var probes = $"  - name: db\n    tcp: {{target: \"127.0.0.1:{closed}\"}}\n    interval: 1s\n    timeout: 500ms\n    fall: 1\n";
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(hook.Url, probes));
        var down = await WaitForProbeAsync(vigil, "db", p => p["state"]!.ToString() == "down");
        Assert.Contains($"127.0.0.1:{closed}", down["lastResult"]!["reason"]!.ToString(), StringComparison.Ordinal);
        var alert = (await hook.WaitForAsync(1, TimeSpan.FromSeconds(20)))[0].Body["alerts"]![0]!;
        Assert.Equal(("ProbeFailed", "db"), (alert["labels"]!["alertname"]!.ToString(), alert["labels"]!["probe"]!.ToString()));
        var metrics = await vigil.Http.GetStringAsync("metrics");
        Assert.Contains("probe_success{probe=\"db\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("probe_duration_seconds{probe=\"db\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbesApi_ListsAndShows_And404sForUnknown()
    {
        await using var target = await LoopbackTarget.StartAsync();
        var probes = $"probes:\n  - name: web\n    http: {{url: \"{target.Url}\"}}\n    interval: 1s\n";
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\n" + probes);
        var list = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/probes"))!.AsArray();
        Assert.Equal("web", Assert.Single(list)!["name"]!.ToString());
        await WaitForProbeAsync(vigil, "web", p => p["lastResult"] is not null);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/probes/nope")).StatusCode);
        var metrics = await vigil.Http.GetStringAsync("metrics");
        Assert.Contains("probe_success{probe=\"web\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMaintenanceWindow_MutesAnInternalProbe_ButNeverTheCustomersView()
    {
        // The target answers until the window exists and only then stops: a probe that failed before the window
        // was created would notify (rightly) and make the test depend on which came first.
        await using var target = await LoopbackTarget.StartAsync();
        await using var hook = await WebhookCollector.StartAsync();
        var probes = $$"""
              - name: checkout-view
                tcp: {target: "127.0.0.1:{{target.Port}}"}
                interval: 1s
                fall: 1
                labels: {service: shop, impact: customer}
              - name: checkout-backend
                tcp: {target: "127.0.0.1:{{target.Port}}"}
                interval: 1s
                fall: 1
                labels: {service: shop, impact: internal}
            """;
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(hook.Url, probes).Replace("group_by: [alertname]", "group_by: [alertname, probe]", StringComparison.Ordinal));
        var window = new JsonObject
        {
            ["targets"] = new JsonArray("service=\"shop\""), ["expected"] = new JsonArray("alertname=\"ProbeFailed\""), ["start"] = "now", ["duration"] = "1h",
            ["watcher"] = "alice", ["backup"] = "bob", ["announcement"] = "shop upgrade",
        };
        Assert.Equal(HttpStatusCode.Created, (await vigil.Http.PostAsync("api/v1/maintenance", new StringContent(window.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Empty(hook.Messages);
        await target.StopAsync();

        var alerts = await Eventually.GetAsync(() => vigil.GetAlertsAsync(), a => a.Count == 2, TimeSpan.FromSeconds(20));
        var state = alerts.ToDictionary(a => a!["labels"]!["probe"]!.ToString(), a => a!["status"]!["state"]!.ToString());
        Assert.Equal("active", state["checkout-view"]);
        Assert.Equal("suppressed", state["checkout-backend"]);
        var delivered = (await hook.WaitForAsync(1, TimeSpan.FromSeconds(20)))[0].Body["alerts"]![0]!;
        Assert.Equal("checkout-view", delivered["labels"]!["probe"]!.ToString());
        await hook.AssertStaysAtAsync(1, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Reload_AddsAndRemovesProbes()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal + "\nprobes:\n  - name: a\n    tcp: {target: \"127.0.0.1:1\"}\n    interval: 1m\n");
        await File.WriteAllTextAsync(vigil.Options.ConfigPath!, Configs.Minimal + "\nprobes:\n  - name: b\n    tcp: {target: \"127.0.0.1:2\"}\n    interval: 1m\n");
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.PostAsync("-/reload", null)).StatusCode);
        var names = await Eventually.GetAsync(async () => JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/probes"))!.AsArray().Select(p => p!["name"]!.ToString()).ToList(),
            n => n.SequenceEqual(["b"]));
        Assert.Equal(["b"], names);
    }

    private static async Task<JsonObject> GetProbeAsync(VigilInstance vigil, string name) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/probes/" + name))!.AsObject();

    private static async Task<JsonObject> WaitForProbeAsync(VigilInstance vigil, string name, Func<JsonObject, bool> done)
    {
        var probe = await Eventually.GetAsync(() => GetProbeAsync(vigil, name), done, TimeSpan.FromSeconds(20));
        Assert.True(done(probe), $"probe {name} never reached the expected state: {probe.ToJsonString()}");
        return probe;
    }

    private static async Task<JsonObject> WaitForMessageAsync(WebhookCollector hook, Func<JsonObject, bool> match)
    {
        var found = await Eventually.GetAsync(() => Task.FromResult(hook.Messages.Select(m => m.Body).FirstOrDefault(match)), m => m is not null, TimeSpan.FromSeconds(20));
        Assert.NotNull(found);
        return found;
    }
}
