using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Alerts;
using Vigil.Server.Cluster;
using Vigil.Server.Labels;
using Vigil.Server.Storage;

namespace Vigil.Server.Dispatch;

/// <summary>
/// Makes every group holding one of some alerts due at once on whichever node flushes it: here through
/// <see cref="Dispatcher.FlushGroupsOf"/>, and in a cluster on the other nodes through <c>NOTIFY</c> on
/// <see cref="Channel"/> (a node receiving it first folds the shared ingest log, so the alerts the request is about —
/// committed before it was sent — are in their groups when it flushes them).
/// </summary>
public sealed class FlushRequests(Dispatcher dispatcher, Database db, ThisNode node)
{
    public const string Channel = "vigil_flush";

    /// <summary>Fingerprints per notice: 17 characters each stays well under PostgreSQL's 8,000-byte payload.</summary>
    private const int PerNotice = 400;

    /// <summary>Call it after the alerts were accepted (committed to the ingest log).</summary>
    public async Task RequestAsync(IReadOnlyCollection<Fingerprint> fingerprints, CancellationToken ct)
    {
        dispatcher.FlushGroupsOf(fingerprints);
        if (db.Engine != DatabaseEngine.Postgres || fingerprints.Count == 0)
        {
            return;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        foreach (var chunk in fingerprints.Chunk(PerNotice))
        {
            await using var notify = conn.Command(null, "SELECT pg_notify(@channel, @payload)");
            notify.AddParameter("@channel", Channel);
            notify.AddParameter("@payload", node.Instance + " " + string.Join(' ', chunk));
            await notify.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A notice from a node: "INSTANCE FINGERPRINT…". This node's own are already applied.</summary>
    internal static void OnNotice(IServiceProvider services, string payload)
    {
        var parts = payload.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] == services.GetRequiredService<ThisNode>().Instance)
        {
            return;
        }
        var fingerprints = new List<Fingerprint>(parts.Length - 1);
        foreach (var p in parts.AsSpan(1))
        {
            if (Fingerprint.TryParse(p, out var f))
            {
                fingerprints.Add(f);
            }
        }
        var ingestor = services.GetRequiredService<AlertIngestor>();
        var dispatcher = services.GetRequiredService<Dispatcher>();
        _ = Task.Run(async () =>
        {
            try
            {
                await ingestor.FollowAsync(CancellationToken.None);
            }
            finally
            {
                // Flushed in any case: a group that misses an alert now gets it at its next flush.
                dispatcher.FlushGroupsOf(fingerprints);
            }
        });
    }
}
