using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// After <c>kill -9</c>, a restart reads the stored snapshot (a whole one and the incremental ones written after it)
/// and replays the log after it: every acknowledged alert is back, as it was last changed.
/// </summary>
public sealed partial class SnapshotRestartTests
{
    [Theory]
    [MemberData(nameof(Engines.EndToEnd), MemberType = typeof(Engines))]
    public async Task Kill9_AfterIncrementalSnapshots_BringsBackEveryAcknowledgedAlertAsLastChanged(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        var dir = Directory.CreateTempSubdirectory("vigil-snapshot-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, Configs.Webhook(hook.Url, groupWait: "1h", groupInterval: "1h"));
        await using var vigil = await VigilProcesses.StartAsync(engine, dir, config);
        using var http = vigil.CreateClient();
        var past = TimeProvider.System.GetUtcNow().AddMinutes(-1).ToString("o", CultureInfo.InvariantCulture);

        // First: 200 alerts, then a snapshot holding them.
        Assert.True(await Post(http, Alerts("a", 0, 200, "1")));
        var written = await WaitForSnapshotsAsync(http, atLeast: 1);
        // Then: half of them changed, a quarter resolved, 100 new; and a snapshot after that.
        Assert.True(await Post(http, Alerts("a", 0, 100, "2")));
        Assert.True(await Post(http, Alerts("a", 100, 50, "1", endsAt: past)));
        Assert.True(await Post(http, Alerts("b", 0, 100, "1")));
        await WaitForSnapshotsAsync(http, atLeast: written + 1);
        // Last: 100 more, acknowledged just before the kill (in the log after the snapshot, or in it).
        Assert.True(await Post(http, Alerts("c", 0, 100, "1")));

        vigil.Kill9();
        await vigil.RestartAsync();

        using var after = vigil.CreateClient();
        var alerts = JsonNode.Parse(await after.GetStringAsync("api/v2/alerts"))!.AsArray()
            .ToDictionary(a => a!["labels"]!["id"]!.ToString(), a => a!["annotations"]!["v"]!.ToString());
        var expected = Enumerable.Range(0, 100).Select(i => ($"a{i}", "2"))
            .Concat(Enumerable.Range(150, 50).Select(i => ($"a{i}", "1")))
            .Concat(Enumerable.Range(0, 100).Select(i => ($"b{i}", "1")))
            .Concat(Enumerable.Range(0, 100).Select(i => ($"c{i}", "1")))
            .ToDictionary(p => p.Item1, p => p.Item2);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), alerts.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static string Alerts(string prefix, int first, int count, string version, string? endsAt = null) =>
        "[" + string.Join(",", Enumerable.Range(first, count).Select(i =>
            $$"""{"labels":{"alertname":"Snap","id":"{{prefix}}{{i}}"},"annotations":{"v":"{{version}}"}{{(endsAt is null ? "" : $",\"endsAt\":\"{endsAt}\"")}}}""")) + "]";

    /// <summary>Waits until a node says it wrote this many snapshots (to a cluster, the requests alternate between the
    /// nodes; the one holding the checkpoint lease writes them); returns the count seen.</summary>
    private static async Task<int> WaitForSnapshotsAsync(HttpClient http, int atLeast) =>
        await Eventually.GetAsync(async () =>
        {
            var text = await http.GetStringAsync("metrics");
            return SnapshotCount().Matches(text).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }, n => n >= atLeast, TimeSpan.FromSeconds(60));

    [GeneratedRegex("""^vigil_alert_snapshots_total\{kind="[a-z]+"\} ([0-9]+)""", RegexOptions.Multiline)]
    private static partial Regex SnapshotCount();

    private static async Task<bool> Post(HttpClient http, string json) =>
        (await http.PostAsync("api/v2/alerts", new StringContent(json, Encoding.UTF8, "application/json"))).IsSuccessStatusCode;
}
