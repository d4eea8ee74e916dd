namespace Vigil.Server.Cluster;

/// <summary>
/// The nodes as one heartbeat read them: live ones (a heartbeat within the lease) and gone ones, and whether this node's
/// configuration differs from another live node's. Pure.
/// </summary>
public sealed record Membership(IReadOnlyList<NodeRow> Live, IReadOnlyList<NodeRow> Gone, DateTimeOffset ReadAt)
{
    public static readonly Membership None = new([], [], DateTimeOffset.MinValue);

    public static Membership Of(IEnumerable<NodeRow> rows, DateTimeOffset now, TimeSpan lease)
    {
        var byName = rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new Membership(
            [.. byName.Where(r => r.HeartbeatAt + lease > now)],
            [.. byName.Where(r => r.HeartbeatAt + lease <= now)],
            now);
    }

    /// <summary>The live nodes whose configuration hash is not <paramref name="configHash"/>.</summary>
    public IReadOnlyList<NodeRow> ConfiguredOtherwise(string configHash) =>
        [.. Live.Where(n => !string.Equals(n.ConfigHash, configHash, StringComparison.Ordinal))];
}
