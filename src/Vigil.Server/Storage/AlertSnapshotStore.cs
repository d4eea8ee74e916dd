using Vigil.Server.Alerts;

namespace Vigil.Server.Storage;

/// <summary>
/// The periodic snapshot of all live alerts (table <c>alert_snapshot</c>, in binary parts) and the
/// <c>checkpoint</c> row saying which ingest log record it includes. At start the snapshot is loaded
/// and the log after it replayed; after a save the log is truncated through the saved sequence.
/// </summary>
public sealed class AlertSnapshotStore(Database db)
{
    /// <summary>Alerts per part: keeps each BLOB/BYTEA to a few MiB.</summary>
    private const int AlertsPerPart = 20_000;

    /// <summary>Replaces the snapshot with <paramref name="alerts"/> and records <paramref name="appliedSeq"/>, in one transaction.</summary>
    public Task SaveAsync(IReadOnlyList<Alert> alerts, long appliedSeq, CancellationToken cancellationToken = default)
    {
        // Encode before taking the write lock: the ingest log shares it on SQLite.
        var parts = alerts.Chunk(AlertsPerPart).Select(AlertSnapshotCodec.Encode).ToList();
        return db.WriteAsync(async (conn, tx) =>
        {
            await using (var delete = conn.Command(tx, "DELETE FROM alert_snapshot"))
            {
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            for (var i = 0; i < parts.Count; i++)
            {
                await using var insert = conn.Command(tx, "INSERT INTO alert_snapshot (part, payload) VALUES (@part, @payload)");
                insert.AddParameter("@part", (long)i);
                insert.AddParameter("@payload", parts[i]);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using var cmd = conn.Command(tx, "UPDATE checkpoint SET applied_seq = @seq WHERE id = 1");
            cmd.AddParameter("@seq", appliedSeq);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Every saved alert and the ingest log sequence number the snapshot includes (0 when none).</summary>
    public async Task<(IReadOnlyList<Alert> Alerts, long AppliedSeq)> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction, so the checkpoint and the parts agree.
        await using var tx = await Database.BeginReadAsync(conn, cancellationToken).ConfigureAwait(false);
        long appliedSeq;
        await using (var cmd = conn.Command(tx, "SELECT applied_seq FROM checkpoint WHERE id = 1"))
        {
            appliedSeq = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        }
        var alerts = new List<Alert>();
        await using (var cmd = conn.Command(tx, "SELECT payload FROM alert_snapshot ORDER BY part"))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                AlertSnapshotCodec.Decode((byte[])reader.GetValue(0), alerts);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (alerts, appliedSeq);
    }
}
