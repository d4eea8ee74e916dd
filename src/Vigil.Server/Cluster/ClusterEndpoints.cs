using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Config;

namespace Vigil.Server.Cluster;

/// <summary><c>GET /api/v1/nodes</c>: every node sharing the database, live or gone, with its leases, version and configuration hash.</summary>
internal static class ClusterEndpoints
{
    public static void MapCluster(this IEndpointRouteBuilder app) => app.MapGet("/api/v1/nodes", Nodes);

    /// <summary>Alertmanager's <c>cluster</c> object of <c>/api/v2/status</c>: this node's name, the live peers and the status.</summary>
    public static Dictionary<string, object> StatusCluster(ThisNode node, ClusterView view)
    {
        if (!view.Enabled)
        {
            return new Dictionary<string, object> { ["peers"] = Array.Empty<object>(), ["status"] = "disabled" };
        }
        return new Dictionary<string, object>
        {
            ["name"] = node.Name,
            ["peers"] = view.Members.Live.Select(n => new Dictionary<string, string> { ["name"] = n.Name, ["address"] = n.Address }).ToList(),
            ["status"] = view.Status,
        };
    }

    private static IResult Nodes(ThisNode node, ClusterView view, LeaseBook leases, ConfigHolder config, Alerts.AlertState alerts, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var settings = config.Current.Server.Cluster;
        List<object> nodes;
        if (!view.Enabled)
        {
            var held = leases.Wants.SelectMany(w => w.Keys.Select(k => Lease(w.Kind, k, null))).ToList();
            nodes = [Node(node.Name, node.Address, node.Version, node.ConfigHash, node.StartedAt, now, alerts.AppliedSeq, true, true, held, [])];
        }
        else
        {
            var members = view.Members;
            var table = leases.Table;
            nodes = [.. members.Live.Select(n => (Row: n, Live: true)).Concat(members.Gone.Select(n => (Row: n, Live: false)))
                .Select(x => Node(x.Row.Name, x.Row.Address, x.Row.Version, x.Row.ConfigHash, x.Row.StartedAt, x.Row.HeartbeatAt, x.Row.FoldedSeq,
                    x.Live, x.Row.Name == node.Name,
                    [.. table.Where(l => l.Owner == x.Row.Name && l.OwnerInstance == x.Row.Instance && !l.IsFree(now))
                        .Select(l => Lease(l.Kind, l.Key, l.ExpiresAt))],
                    x.Live ? Warnings(x.Row, members) : []))];
        }
        return Results.Json(new Dictionary<string, object?>
        {
            ["self"] = node.Name,
            ["status"] = view.Status,
            ["storage"] = view.Enabled ? "postgres" : "sqlite",
            ["leaseSeconds"] = settings.Lease.TotalSeconds,
            ["nodes"] = nodes,
        });
    }

    private static List<string> Warnings(NodeRow row, Membership members)
    {
        var others = members.Live.Where(o => o.Name != row.Name && o.ConfigHash != row.ConfigHash).Select(o => o.Name).ToList();
        return others.Count == 0
            ? []
            : [$"configuration {row.ConfigHash} differs from {string.Join(", ", others)}: give every node the same vigil.yaml"];
    }

    private static Dictionary<string, object?> Node(string name, string address, string version, string configHash,
        DateTimeOffset startedAt, DateTimeOffset heartbeatAt, long foldedSeq, bool live, bool self, List<Dictionary<string, object?>> leases, List<string> warnings) => new()
    {
        ["name"] = name,
        ["address"] = address,
        ["self"] = self,
        ["live"] = live,
        ["version"] = version,
        ["configHash"] = configHash,
        ["startedAt"] = WireTime.Format(startedAt),
        ["heartbeatAt"] = WireTime.Format(heartbeatAt),
        ["foldedSeq"] = foldedSeq,
        ["leases"] = leases,
        ["warnings"] = warnings,
    };

    private static Dictionary<string, object?> Lease(string kind, string key, DateTimeOffset? expiresAt) => new()
    {
        ["kind"] = kind,
        ["key"] = key,
        ["expiresAt"] = expiresAt is { } e ? WireTime.Format(e) : null,
    };
}
