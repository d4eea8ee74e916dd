using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Drill.Demo;

/// <summary>
/// What the demo's server already has when the UI opens, made through the API: an open incident with an alert and
/// notes on its timeline, and tonight's maintenance window for lb-1's security patch.
/// </summary>
internal static class DemoHistory
{
    public static async Task<string?> WriteAsync(DemoApi api, TimeProvider clock, CancellationToken ct)
    {
        if (await api.GetAsync("api/v1/incidents?open=true", ct) is JsonArray { Count: > 0 })
        {
            return null; // a --data folder used before keeps its history
        }
        var now = clock.GetUtcNow();
        await api.PostAsync("api/v2/alerts", new JsonArray(new JsonObject
        {
            ["labels"] = new JsonObject { ["alertname"] = "CacheLatencyHigh", ["host"] = "cache-1", ["severity"] = "warning", ["service"] = "shop" },
            ["annotations"] = new JsonObject { ["summary"] = "cache-1 p99 latency above 250 ms for 10 minutes" },
            ["startsAt"] = Rfc3339(now.AddMinutes(-25)),
        }), ct);
        var fingerprint = await FingerprintAsync(api, clock, ct);
        var incident = await api.PostAsync("api/v1/incidents", new JsonObject
        {
            ["title"] = "Checkout slow for some customers",
            ["severity"] = "SEV3",
            ["summary"] = "Some checkouts take over 5 s; cache-1 answers slowly since the evening deploy.",
            ["customerImpact"] = "Slow checkouts for a share of customers; none failing.",
            ["alerts"] = fingerprint is null ? new JsonArray() : new JsonArray(fingerprint),
        }, ct);
        var id = incident!["id"]!.ToString();
        foreach (var note in new[]
        {
            "alice: cache-1 latency rose after the 18:00 deploy; checking evictions.",
            "bob: cache-1 evicts at 3x the usual rate; maxmemory was lowered by the deploy. Rolling it back tomorrow morning.",
        })
        {
            await api.PostAsync($"api/v1/incidents/{id}/notes", new JsonObject { ["text"] = note }, ct);
        }
        await api.PostAsync($"api/v1/incidents/{id}/roles", new JsonObject { ["role"] = "commander", ["person"] = "alice" }, ct);
        await api.PostAsync("api/v1/maintenance", new JsonObject
        {
            ["targets"] = new JsonArray("host=\"lb-1\""),
            ["expected"] = new JsonArray("alertname=~\"HostDown|HostCheckFailed\""),
            ["start"] = Rfc3339(now.AddHours(2)),
            ["duration"] = "4h",
            ["watcher"] = "alice",
            ["backup"] = "bob",
            ["announcement"] = $"Security patch for lb-1 (openssl), with a reboot: run plan {DemoConfig.PatchPlan}",
        }, ct);
        return id;
    }

    private static async Task<string?> FingerprintAsync(DemoApi api, TimeProvider clock, CancellationToken ct)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await api.GetAsync("api/v2/alerts?filter=" + Uri.EscapeDataString("alertname=\"CacheLatencyHigh\""), ct) is JsonArray { Count: > 0 } alerts)
            {
                return alerts[0]!["fingerprint"]!.ToString();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        }
        return null;
    }

    private static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
