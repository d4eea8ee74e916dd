using System.Globalization;

namespace Vigil.Bench;

/// <summary>The rows of the <c>compare</c> table, in the order they are shown; a leading two spaces marks a detail row.</summary>
internal static class CompareRows
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static IReadOnlyList<CompareRow> For(CompareOptions o)
    {
        var rows = new List<CompareRow>
        {
            new("startup", "Start-up to `/-/ready`, empty data folder (s)", "F2", Better.Lower, r => r.Startup?.TotalSeconds),
            new("idle-p50", "First notification at idle (`group_wait: 0s`): p50 (ms)", "F1", Better.Lower, r => r.IdleLatency?.Latency.P50),
            new("idle-p99", "  p99 (ms)", "F1", Better.Lower, r => r.IdleLatency?.Latency.P99),
            new("ingest", $"Ingest {K(o.Alerts)}, batch 100, 4 senders: alerts/s", "N0", Better.Higher, r => r.Ingest?.AlertsPerSecond),
            new("ingest-p99", "  request latency p99 (ms)", "F1", Better.Lower, r => r.Ingest?.RequestLatency.P99),
            new("ingest-cpu", "  server CPU per alert (µs)", "F1", Better.Lower, r => r.Ingest?.CpuMicrosPerAlert),
            CompareRow.Note("ingest-errors", "  errors", r => r.Ingest?.ErrorText),
            new("rss", $"RSS with {K(o.Alerts)} active alerts (MiB)", "F0", Better.Lower, r => r.MemoryAtFull?.RssMiB),
            new("get", $"`GET /api/v2/alerts` with {K(o.Alerts)} active (s)", "F2", Better.Lower, r => r.Query?.Elapsed.TotalSeconds),
            new("get-first-byte", "  first byte (s)", "F2", Better.Lower, r => r.Query?.FirstByte.TotalSeconds),
            new("get-alerts", "  alerts returned", "N0", Better.Neither, r => r.Query?.Alerts),
            new("cli-alerts", $"CLI `vigil alerts` / `amtool alert query` at {K(o.Alerts)} alerts: wall (ms)", "F0", Better.Lower, r => r.AlertsCli?.WallMs),
            new("cli-alerts-rss", "  max RSS (MiB)", "F0", Better.Lower, r => r.AlertsCli?.MaxRssMiB),
            new("cli-alerts-lines", "  lines printed", "N0", Better.Neither, r => r.AlertsCli?.Lines),
            new("cli-silences", "CLI `vigil silence ls` / `amtool silence query`, no silences: wall (ms)", "F0", Better.Lower, r => r.SilencesCli?.WallMs),
            new("cli-silences-rss", "  max RSS (MiB)", "F0", Better.Lower, r => r.SilencesCli?.MaxRssMiB),
            CompareRow.Note("cli-failures", "  CLI failures", r => r.AlertsCli is null && r.SilencesCli is null ? null : r.AlertsCli?.Failure ?? r.SilencesCli?.Failure ?? "none"),
            new("loaded-p50", $"First notification during a {K(o.Alerts)} ingest: p50 (ms)", "F1", Better.Lower, r => r.LoadedLatency?.Latency.P50),
            new("loaded-p99", "  p99 (ms)", "F1", Better.Lower, r => r.LoadedLatency?.Latency.P99),
            CompareRow.Note("loaded-probes", "  probes sent / lost", r => r.LoadedLatency is { } l ? string.Create(Ci, $"{l.Sent} / {l.Lost + l.PostErrors}") : null),
            new("loaded-ingest", "  ingest alerts/s meanwhile", "N0", Better.Higher, r => r.LoadedIngest?.AlertsPerSecond),
            new("single", $"Ingest {K(o.SingleAlerts)}, batch 1 (one alert per request), 4 senders: alerts/s", "N0", Better.Higher, r => r.SingleAlertIngest?.AlertsPerSecond),
            new("single-p99", "  request latency p99 (ms)", "F1", Better.Lower, r => r.SingleAlertIngest?.RequestLatency.P99),
            new("single-cpu", "  server CPU per alert (µs)", "F1", Better.Lower, r => r.SingleAlertIngest?.CpuMicrosPerAlert),
            CompareRow.Note("single-errors", "  errors", r => r.SingleAlertIngest?.ErrorText),
            new("single-warm", $"  the next {K(o.SingleAlerts)} on the warm process: alerts/s", "N0", Better.Higher, r => r.SingleAlertIngestWarm?.AlertsPerSecond),
            new("single-warm-cpu", "  … server CPU per alert (µs)", "F1", Better.Lower, r => r.SingleAlertIngestWarm?.CpuMicrosPerAlert),
        };
        if (o.Million > 0)
        {
            rows.AddRange(MillionRows(K(o.Million)));
        }

        if (o.Escalations > 0)
        {
            rows.Add(new("escalation-p99", $"{o.Escalations:N0} escalation steps due in the same instant: delivery p99 (ms)", "F0", Better.Lower, r => r.Escalation?.SinkLag.P99, VigilOnly: true));
            rows.Add(new("escalation-p50", "  p50 (ms)", "F0", Better.Lower, r => r.Escalation?.SinkLag.P50, VigilOnly: true));
            rows.Add(CompareRow.Note("escalation-delivered", "  level-2 webhooks received / pages", r => r.Escalation is { } e ? string.Create(Ci, $"{e.LevelTwoDelivered:N0} / {e.Options.Pages:N0}") : null, vigilOnly: true));
        }

        return rows;
    }

    private static IEnumerable<CompareRow> MillionRows(string m) =>
    [
        new("m-ingest", $"Ingest {m}, batch 100, 4 senders, in 100k slices: alerts/s", "N0", Better.Higher, r => r.Million?.AlertsPerSecond),
        new("m-first", "  first 100k (alerts/s)", "N0", Better.Higher, r => r.Million?.FirstSliceRate),
        new("m-last", "  last 100k (alerts/s)", "N0", Better.Higher, r => r.Million?.LastSliceRate),
        new("m-last-share", "  last 100k ÷ first 100k", "F2", Better.Higher, r => r.Million?.LastToFirst),
        new("m-cpu", "  server CPU per alert (µs)", "F1", Better.Lower, r => r.Million?.CpuMicrosPerAlert),
        CompareRow.Note("m-errors", "  errors", r => r.Million is { Slices.Count: > 0 } x ? string.Join(", ", x.Slices.Select(s => s.ErrorText).Where(t => t != "none").DefaultIfEmpty("none").Distinct()) : null),
        new("m-rss", $"RSS at {m} active alerts, 10 s after the ingest (MiB)", "F0", Better.Lower, r => r.Million?.Settled?.RssMiB),
        new("m-get", $"`GET /api/v2/alerts` of {m} (s)", "F2", Better.Lower, r => r.Million?.Get?.Elapsed.TotalSeconds),
        new("m-get-first-byte", "  first byte (s)", "F2", Better.Lower, r => r.Million?.Get?.FirstByte.TotalSeconds),
        new("m-get-rss", "  RSS after it ÷ before", "F2", Better.Lower, r => r.Million is { Settled: { } b, AfterGet: { } a } ? (double)a.RssBytes / b.RssBytes : null),
        new("m-restart", $"Restart to `/-/ready` after `kill -9` at {m} (s)", "F2", Better.Lower, r => r.Million?.Restart?.TotalSeconds,
            NoRatio: "— (Alertmanager restores no alerts)"),
        CompareRow.Note("m-present", "  acknowledged alerts present after it", r => r.Million is { Present: { } p } x ? string.Create(Ci, $"{p:N0} of {x.Acknowledged:N0}") : null),
        new("m-present-share", "  present ÷ acknowledged (%)", "F1", Better.Higher, r => r.Million is { Present: { } p, Acknowledged: > 0 } x ? 100.0 * p / x.Acknowledged : null),
    ];

    /// <summary>100000 → 100k, 1000000 → 1M.</summary>
    public static string K(int n) => n switch
    {
        _ when n >= 1_000_000 && n % 1_000_000 == 0 => string.Create(Ci, $"{n / 1_000_000}M"),
        _ when n % 1000 == 0 => string.Create(Ci, $"{n / 1000}k"),
        _ => n.ToString(Ci),
    };
}
