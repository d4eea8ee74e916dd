using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Vigil.Bench;

/// <summary>Renders the <c>compare</c> results as Markdown: a header (machine, date, command), how to run, and the table.</summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    private static (string Metric, Func<SystemResults, string?> Value)[] Rows(CompareOptions o) =>
    [
        ("Start-up to `/-/ready` (s)", r => F(r.Startup?.TotalSeconds, "F2")),
        ("Webhook latency, idle: p50 / p90 / p99 / max (ms)", r => Latency(r.IdleLatency)),
        ($"Ingest {K(o.Alerts)}, batch 100, 4 senders: alerts/s", r => F(r.Ingest?.AlertsPerSecond, "N0")),
        ("  requests/s", r => F(r.Ingest?.RequestsPerSecond, "N0")),
        ("  request latency p50 / p99 (ms)", r => RequestLatency(r.Ingest)),
        ("  errors", r => r.Ingest?.ErrorText),
        ("  server CPU per alert (µs)", r => F(r.Ingest?.CpuMicrosPerAlert, "F1")),
        ($"RSS with {K(o.Alerts)} active alerts (MiB)", r => F(r.MemoryAtFull?.RssMiB, "F0")),
        ("  peak RSS, VmHWM (MiB)", r => F(r.MemoryAtFull?.HwmMiB, "F0")),
        ($"`GET /api/v2/alerts` with {K(o.Alerts)} active (s)", r => F(r.Query?.Elapsed.TotalSeconds, "F2")),
        ("  response size (MiB) / alerts returned", r => r.Query is { } q ? string.Create(Ci, $"{q.MiB:F1} / {q.Alerts}") : null),
        ($"Webhook latency during a {K(o.Alerts)} ingest: p50 / p90 / p99 / max (ms)", r => Latency(r.LoadedLatency)),
        ("  probes sent / lost", r => r.LoadedLatency is { } l ? string.Create(Ci, $"{l.Sent} / {l.Lost + l.PostErrors}") : null),
        ("  ingest alerts/s meanwhile", r => F(r.LoadedIngest?.AlertsPerSecond, "N0")),
        ($"After restart: ingest {K(o.SingleAlerts)}, batch 1, 4 senders: alerts/s", r => F(r.SingleAlertIngest?.AlertsPerSecond, "N0")),
        ("  request latency p50 / p99 (ms)", r => RequestLatency(r.SingleAlertIngest)),
        ("  errors", r => r.SingleAlertIngest?.ErrorText),
        ("  server CPU per alert (µs)", r => F(r.SingleAlertIngest?.CpuMicrosPerAlert, "F1")),
    ];

    public static string Render(CompareOptions options, IReadOnlyDictionary<string, SystemResults> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks: Vigil vs Alertmanager");
        sb.AppendLine();
        sb.AppendLine(Ci, $"- Date: {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(Ci, $"- Machine: {MachineDescription()}");
        sb.AppendLine(Ci, $"- Command: `{options.CommandLine}`");
        sb.AppendLine(Ci, $"- Load: {options.Alerts} alerts (~370 bytes each) per ingest, {options.SingleAlerts} one-per-request after a restart, {options.Samples} idle latency probes; everything on 127.0.0.1, client and server on the same cores.");
        sb.AppendLine();
        sb.Append(HowToRun.Markdown);
        sb.AppendLine();
        sb.AppendLine("## Results");
        sb.AppendLine();
        sb.AppendLine("| Metric | " + string.Join(" | ", options.Columns) + " |");
        sb.AppendLine("|---|" + string.Concat(options.Columns.Select(_ => "---:|")));
        foreach (var (metric, value) in Rows(options))
        {
            var cells = options.Columns.Select(c => Cell(results.GetValueOrDefault(c), value));
            sb.AppendLine($"| {metric.Replace("  ", "&nbsp;&nbsp;", StringComparison.Ordinal)} | {string.Join(" | ", cells)} |");
        }

        foreach (var (name, r) in results.Where(r => r.Value.Failure is not null))
        {
            sb.AppendLine();
            sb.AppendLine(Ci, $"**{name} failed:** {r.Failure}");
        }

        return sb.ToString();
    }

    private static string K(int n) => n % 1000 == 0 ? string.Create(Ci, $"{n / 1000}k") : n.ToString(Ci);

    private static string Cell(SystemResults? r, Func<SystemResults, string?> value) =>
        r is null ? "pending" : value(r) ?? (r.Failure is null ? "n/a" : "failed");

    private static string? F(double? value, string format) => value?.ToString(format, Ci);

    private static string? Latency(LatencyResult? l) => l is null ? null
        : string.Create(Ci, $"{l.Latency.P50:F1} / {l.Latency.P90:F1} / {l.Latency.P99:F1} / {l.Latency.Max:F1}");

    private static string? RequestLatency(IngestResult? i) => i is null ? null
        : string.Create(Ci, $"{i.RequestLatency.P50:F1} / {i.RequestLatency.P99:F1}");

    private static string MachineDescription()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        return string.Create(Ci, $"{Environment.ProcessorCount} cores ({model ?? "unknown CPU"}), {memory} RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }
}
