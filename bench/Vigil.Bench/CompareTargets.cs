using System.Globalization;

namespace Vigil.Bench;

/// <summary>Issue 15's targets as <c>compare</c> measures them, in the order.</summary>
internal static class CompareTargets
{
    public static IReadOnlyList<CompareTarget> For(CompareOptions o)
    {
        var targets = new List<CompareTarget>
        {
            new("2", "One alert per request ≥ 1.5× Alertmanager's alerts/s", "single", 1.5, AgainstAlertmanager: true),
            new("2", "… at ≤ Alertmanager's server CPU per alert", "single-cpu", 1, AgainstAlertmanager: true),
            new("3", "First notification at idle: p99 ≤ Alertmanager's", "idle-p99", 1, AgainstAlertmanager: true),
            new("3", "First notification during a concurrent 100k ingest: p99 ≤ 50 ms", "loaded-p99", 50, false, At(o.Alerts, 100_000)),
            new("4", "`GET /api/v2/alerts` of 100k ≤ 0.5 s", "get", 0.5, false, At(o.Alerts, 100_000)),
        };
        var million = At(o.Million, 1_000_000);
        if (o.Million > 0)
        {
            targets.AddRange(
            [
                new("4", "`GET /api/v2/alerts` of 1M ≤ 5 s", "m-get", 5, false, million),
                new("4", "RSS after a full GET of 1M ≤ 1.2× before it", "m-get-rss", 1.2, false, million),
                new("5", "1M active alerts: RSS ≤ 1 GiB settled", "m-rss", 1024, false, million),
                new("5", "1M: ingest rate of the last 100k ≥ 90 % of the first 100k", "m-last-share", 0.9, false, million),
                new("5", "Restart to ready after `kill -9` at 1M ≤ 3 s", "m-restart", 3, false, million),
                new("5", "… with every acknowledged alert present (%)", "m-present-share", 100, false, million),
            ]);
        }

        targets.AddRange(
        [
            new("6", "Start-up to ready ≤ 0.3 s, empty data folder", "startup", 0.3, false),
            new("6", "`vigil alerts` no slower than `amtool alert query` (wall)", "cli-alerts", 1, AgainstAlertmanager: true),
            new("6", "`vigil silence ls` no slower than `amtool silence query` (wall)", "cli-silences", 1, AgainstAlertmanager: true),
        ]);
        if (o.Escalations > 0)
        {
            targets.Add(new("7", "10,000 escalation steps due in the same instant: delivery p99 ≤ 1 s (ms)", "escalation-p99", 1000, false, At(o.Escalations, 10_000)));
        }

        targets.Add(new("8", "Ingest at 100 alerts per request ≥ 3× Alertmanager's alerts/s", "ingest", 3, AgainstAlertmanager: true));
        return targets;
    }

    /// <summary>Null when the run used the target's size; otherwise why its verdict would not count.</summary>
    private static string? At(int used, int target) =>
        used == target ? null : string.Create(CultureInfo.InvariantCulture, $"run at {CompareRows.K(used)}, the target is at {CompareRows.K(target)}");
}
