using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>
/// Builds realistic (~350-byte) Alertmanager API v2 alerts and serializes them into POST bodies up front,
/// so the client's JSON cost stays out of the measured window.
/// </summary>
internal static class AlertGenerator
{
    private static readonly string[] AlertNames =
    [
        "HighCpuLoad", "HighMemoryUsage", "DiskWillFillIn4Hours", "HostNetworkErrors", "ServiceDown",
        "HighRequestLatency", "HighErrorRate", "CertificateExpiringSoon", "PodCrashLooping", "ReplicationLag",
    ];

    private static readonly string[] Jobs = ["node", "api", "postgres", "kubelet", "blackbox"];
    private static readonly string[] Severities = ["warning", "critical", "info"];
    private static readonly string[] Services = ["checkout", "payments", "search", "catalog", "auth", "billing", "shipping"];
    private static readonly string[] Clusters = ["prod-eu-1", "prod-us-1", "prod-ap-1", "staging-eu-1"];

    /// <summary>A short label value unique to this process run, so each run's alerts are new to the server.</summary>
    public static string NewRunId(string prefix) =>
        prefix + Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()))[..8];

    /// <summary>Serializes <paramref name="count"/> distinct alerts into JSON arrays of at most <paramref name="batch"/>.</summary>
    public static IReadOnlyList<byte[]> Batches(string runId, int count, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        var startsAt = TimeProvider.System.GetUtcNow().AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var bodies = new List<byte[]>((count + batch - 1) / batch);
        var buffer = new ArrayBufferWriter<byte>(batch * 512);
        for (var first = 0; first < count; first += batch)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                for (var i = first; i < Math.Min(count, first + batch); i++)
                {
                    WriteAlert(writer, runId, i, startsAt);
                }

                writer.WriteEndArray();
            }

            bodies.Add(buffer.WrittenSpan.ToArray());
        }

        return bodies;
    }

    /// <summary>The single-alert body of a latency probe: <c>alertname=LatencyProbe, probe_id=id</c>.</summary>
    public static byte[] Probe(string probeId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteStartObject("labels");
            writer.WriteString("alertname", "LatencyProbe");
            writer.WriteString("probe_id", probeId);
            writer.WriteString("severity", "info");
            writer.WriteEndObject();
            writer.WriteStartObject("annotations");
            writer.WriteString("summary", "Vigil.Bench latency probe");
            writer.WriteEndObject();
            writer.WriteString("startsAt", TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAlert(Utf8JsonWriter writer, string runId, int i, string startsAt)
    {
        var alertName = AlertNames[i % AlertNames.Length];
        var host = string.Create(CultureInfo.InvariantCulture, $"node-{i % 4999:D4}");
        var cluster = Clusters[i % Clusters.Length];
        writer.WriteStartObject();
        writer.WriteStartObject("labels");
        writer.WriteString("alertname", alertName);
        writer.WriteString("instance", host + ".example.net:9100");
        writer.WriteString("job", Jobs[i % Jobs.Length]);
        writer.WriteString("severity", Severities[i % Severities.Length]);
        writer.WriteString("service", Services[i % Services.Length]);
        writer.WriteString("cluster", cluster);
        writer.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"{runId}-{i:D7}"));
        writer.WriteEndObject();
        writer.WriteStartObject("annotations");
        writer.WriteString("summary", $"{alertName} on {host} in {cluster}");
        writer.WriteString("description", $"{alertName} firing for 10m on {host}; see the runbook.");
        writer.WriteEndObject();
        writer.WriteString("startsAt", startsAt);
        writer.WriteEndObject();
    }
}
