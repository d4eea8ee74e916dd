using Vigil.Server.Cluster;

namespace Vigil.Server.Config;

/// <summary>Reads <c>server.cluster:</c> (<see cref="ClusterSettings"/>).</summary>
internal static class ClusterSettingsReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "lease", "reread_interval" };

    public static ClusterSettings Read(YamlCursor? node)
    {
        var defaults = new ClusterSettings();
        if (node is null)
        {
            return defaults;
        }
        var map = node.Map(Known);
        return new ClusterSettings
        {
            Lease = map.Get("lease") is { } lease ? Within(lease, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)) : defaults.Lease,
            RereadInterval = map.Get("reread_interval") is { } reread
                ? Within(reread, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
                : defaults.RereadInterval,
        };
    }

    private static TimeSpan Within(YamlCursor node, TimeSpan min, TimeSpan max)
    {
        var value = node.Duration();
        return value >= min && value <= max
            ? value
            : throw node.Error($"must be a duration from {PromDuration.Format(min)} to {PromDuration.Format(max)}, got {Labels.GoQuote.Quote(node.Text())}");
    }
}
