using System.Globalization;

namespace Vigil.Bench;

/// <summary>One timed <c>GET /api/v2/alerts</c>, body fully read; <see cref="FirstByte"/> is when the first body bytes arrived.</summary>
internal sealed record QueryResult(int Status, TimeSpan Elapsed, long Bytes, int Alerts, TimeSpan FirstByte = default)
{
    public double MiB => Bytes / 1048576.0;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"HTTP {Status}, {Elapsed.TotalSeconds:F2}s (first byte {FirstByte.TotalSeconds:F2}s), {MiB:F1} MiB, {Alerts} alerts");
}
