using Vigil.Server.Tests.Oncall;

namespace Vigil.Server.Tests.Cluster;

/// <summary>Configurations for nodes sharing one PostgreSQL: short leases, so a test sees takeovers in seconds.</summary>
internal static class ClusterConfigs
{
    public const string ShortLease = """
        server:
          cluster:
            lease: 2s
            reread_interval: 30s
        """;

    /// <summary>One receiver, no schedules (a window's watcher is not checked against one).</summary>
    public static readonly string Plain = ShortLease + """

        route:
          receiver: ops
        receivers:
          - name: ops
        """;

    /// <summary>The on-call schedules (<see cref="OnCallConfigs.Schedules"/>) with a 2 s lease; <paramref name="extra"/> is
    /// appended to the <c>server.cluster</c> section.</summary>
    public static string WithSchedules(string comment = "") => OnCallConfigs.Schedules(ShortLease) + (comment.Length > 0 ? "\n# " + comment + "\n" : "");
}
