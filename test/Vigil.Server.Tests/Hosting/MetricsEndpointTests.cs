using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.AlertmanagerApi.AlertLimitsTests;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// What <c>/metrics</c> publishes of .NET's own meters once a Prometheus has scraped it: the runtime's and the API's
/// request durations, not the framework's per-buffer, per-route-match and per-connection counters (which, once
/// listened to, cost every request a labelled measurement).
/// </summary>
[Collection(MetricsCollection)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task AfterAScrape_MetricsShowTheRuntimeAndRequestDurations_ButNotTheFrameworksPerRequestCounters()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        _ = await vigil.Http.GetStringAsync("metrics"); // the first scrape starts the meter listeners
        for (var i = 0; i < 3; i++)
        {
            (await vigil.Http.GetAsync("api/v2/alerts")).EnsureSuccessStatusCode();
        }

        var names = Names(await vigil.Http.GetStringAsync("metrics"));

        Assert.Contains("system_runtime_dotnet_gc_collections", names);
        Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration", names);
        // The meters' names (the event counters of the same components, sampled every 10 s, are a different set).
        Assert.DoesNotContain(names, n => n.StartsWith("microsoft_aspnetcore_memorypool_", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("microsoft_aspnetcore_routing_", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("microsoft_aspnetcore_server_kestrel_kestrel_", StringComparison.Ordinal));
        Assert.DoesNotContain("microsoft_aspnetcore_hosting_http_server_active_requests", names);
        Assert.Contains("vigil_alerts_received_total", names);
    }

    /// <summary>Metric family names on the page, from its <c># TYPE</c> lines (a histogram once, without its <c>_bucket</c>/<c>_sum</c>/<c>_count</c>).</summary>
    private static HashSet<string> Names(string page) =>
        [.. page.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2])];
}
