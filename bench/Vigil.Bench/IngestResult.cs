using System.Globalization;
using System.Text;

namespace Vigil.Bench;

/// <summary>What one ingest run measured.</summary>
internal sealed record IngestResult(
    int AlertsAccepted,
    int Requests,
    TimeSpan Elapsed,
    LatencySummary RequestLatency,
    IReadOnlyDictionary<string, int> Errors,
    double? ServerCpuSeconds)
{
    public double AlertsPerSecond => AlertsAccepted / Elapsed.TotalSeconds;

    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double? CpuMicrosPerAlert =>
        ServerCpuSeconds is { } cpu && AlertsAccepted > 0 ? cpu * 1e6 / AlertsAccepted : null;

    public int ErrorCount => Errors.Values.Sum();

    public string ErrorText => Errors.Count == 0
        ? "none"
        : string.Join(", ", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}×{e.Value}"));

    public override string ToString()
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(ci, $"  alerts accepted : {AlertsAccepted} in {Elapsed.TotalSeconds:F2}s");
        sb.AppendLine(ci, $"  alerts/s        : {AlertsPerSecond:F0}");
        sb.AppendLine(ci, $"  requests/s      : {RequestsPerSecond:F0} ({Requests} requests)");
        sb.AppendLine(ci, $"  request latency : {RequestLatency}");
        sb.AppendLine(ci, $"  errors          : {ErrorText}");
        sb.Append(ci, $"  server CPU      : {(ServerCpuSeconds is { } c ? $"{c:F2}s, {CpuMicrosPerAlert:F1} µs/alert" : "unknown (no pid)")}");
        return sb.ToString();
    }
}
