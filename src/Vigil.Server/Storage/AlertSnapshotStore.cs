using Vigil.Server.Alerts;

namespace Vigil.Server.Storage;

/// <summary>
/// The snapshot of all live alerts (table <c>alert_snapshot</c>, in binary parts) and the <c>checkpoint</c> row saying
/// which ingest log record it includes. A snapshot is a whole one (parts from 0) followed by incremental ones (the
/// alerts changed or removed since, in later parts): read in part order, later entries replace earlier ones. At start
/// the parts are decoded (in parallel) and the log after the checkpoint replayed; after a save the log is truncated
/// through the saved sequence.
/// </summary>
public sealed class AlertSnapshotStore(Database db)
{
    /// <summary>Alerts per part: keeps each BLOB/BYTEA to a few MiB.</summary>
    private const int AlertsPerPart = 20_000;

    /// <summary>What the stored snapshot is made of, as this process last loaded or saved it (null before either).</summary>
    public SnapshotShape? Shape { get; private set; }

    /// <summary>Replaces the snapshot with <paramref name="alerts"/> and records <paramref name="appliedSeq"/>, in one transaction.</summary>
    public async Task SaveAsync(IReadOnlyList<Alert> alerts, long appliedSeq, CancellationToken cancellationToken = default)
    {
        // Encode before taking the write lock: the ingest log shares it on SQLite.
        var parts = Encode(alerts.Select(a => new AlertChange(a.Fingerprint, a)).ToList());
        await db.WriteAsync(async (conn, tx) =>
        {
            await using (var delete = conn.Command(tx, "DELETE FROM alert_snapshot"))
            {
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await InsertPartsAsync(conn, tx, parts, 0, cancellationToken).ConfigureAwait(false);
            await using var cmd = conn.Command(tx, "UPDATE checkpoint SET applied_seq = @seq WHERE id = 1");
            cmd.AddParameter("@seq", appliedSeq);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Shape = new SnapshotShape(appliedSeq, alerts.Count, 0, 0, parts.Count - 1);
    }

    /// <summary>
    /// Adds <paramref name="changes"/> to the stored snapshot and records <paramref name="appliedSeq"/>, in one
    /// transaction, if the snapshot stored is still the one at <paramref name="expectedSeq"/> that the changes
    /// follow. False when it is not (another node of a cluster wrote one meanwhile): nothing is written then, and
    /// the caller writes a whole snapshot instead.
    /// </summary>
    public async Task<bool> AppendAsync(IReadOnlyList<AlertChange> changes, long appliedSeq, long expectedSeq, CancellationToken cancellationToken = default)
    {
        var parts = Encode(changes);
        var last = await db.WriteAsync(async (conn, tx) =>
        {
            await using (var move = conn.Command(tx, "UPDATE checkpoint SET applied_seq = @seq WHERE id = 1 AND applied_seq = @expected"))
            {
                move.AddParameter("@seq", appliedSeq);
                move.AddParameter("@expected", expectedSeq);
                if (await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    return (long?)null; // nothing written
                }
            }
            long next;
            await using (var max = conn.Command(tx, "SELECT COALESCE(MAX(part), -1) FROM alert_snapshot"))
            {
                next = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) + 1;
            }
            await InsertPartsAsync(conn, tx, parts, next, cancellationToken).ConfigureAwait(false);
            return next + parts.Count - 1;
        }, cancellationToken).ConfigureAwait(false);
        if (last is not { } lastPart)
        {
            Shape = null;
            return false;
        }
        var before = Shape ?? new SnapshotShape(expectedSeq, 0, 0, 0, lastPart);
        Shape = before with
        {
            AppliedSeq = appliedSeq,
            ChangeEntries = before.ChangeEntries + changes.Count,
            ChangeParts = before.ChangeParts + parts.Count,
            LastPart = lastPart,
        };
        return true;
    }

    /// <summary>Every saved alert and the ingest log sequence number the snapshot includes (0 when none).</summary>
    public async Task<(IReadOnlyList<Alert> Alerts, long AppliedSeq)> LoadAsync(CancellationToken cancellationToken = default)
    {
        var state = new AlertState();
        await LoadIntoAsync(state, cancellationToken).ConfigureAwait(false);
        return ([.. state.All], state.AppliedSeq);
    }

    /// <summary>Restores <paramref name="state"/> from the snapshot (before any replay of the log).</summary>
    public async Task LoadIntoAsync(AlertState state, CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction, so the checkpoint and the parts agree.
        await using var tx = await Database.BeginReadAsync(conn, cancellationToken).ConfigureAwait(false);
        long appliedSeq;
        await using (var cmd = conn.Command(tx, "SELECT applied_seq FROM checkpoint WHERE id = 1"))
        {
            appliedSeq = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        }
        // Decoding is the cost of a restart (a part of 20,000 alerts ~20 ms): each part is decoded on the thread pool
        // as soon as it is read; once all are read (their entry counts size the state once), each is put into the state
        // as soon as it and every part before it are decoded, so filling the state (~0.15 s for a million alerts)
        // overlaps the decoding of the last parts instead of following it.
        var decoding = new List<Task<List<AlertChange>>>();
        var capacity = 0L;
        var lastPart = -1L;
        await using (var cmd = conn.Command(tx, "SELECT part, payload FROM alert_snapshot ORDER BY part"))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lastPart = reader.GetInt64(0);
                var payload = (byte[])reader.GetValue(1);
                capacity += AlertSnapshotCodec.EntryCount(payload);
                decoding.Add(Task.Run(() => AlertSnapshotCodec.Decode(payload), cancellationToken));
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        var parts = decoding.Count;
        var entries = 0L;
        foreach (var part in decoding)
        {
            var changes = await part.ConfigureAwait(false);
            state.Restore(changes, appliedSeq, (int)Math.Min(capacity, int.MaxValue));
            entries += changes.Count;
        }
        if (parts == 0)
        {
            state.Restore([], appliedSeq);
        }
        // Which parts were whole and which incremental is not stored; what matters for when to write a whole one
        // again is how many entries a restart reads beyond the alerts it ends with.
        var wholeParts = (state.Count + AlertsPerPart - 1) / AlertsPerPart;
        Shape = new SnapshotShape(appliedSeq, state.Count, entries - state.Count, Math.Max(0, parts - wholeParts), lastPart);
    }

    private static List<byte[]> Encode(IReadOnlyList<AlertChange> changes)
    {
        // One part after the other, on one thread: a checkpoint runs while the server serves, and encoding in parallel took
        // every core from ingestion and notifications (on 2 cores the p99 of a first notification during a 100k ingest
        // went from 50–170 ms to 350–560 ms). Decoding at start, before the server is ready, is what runs in parallel.
        return changes.Count == 0 ? [] : [.. changes.Chunk(AlertsPerPart).Select(c => AlertSnapshotCodec.Encode(c))];
    }

    private static async Task InsertPartsAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction tx, List<byte[]> parts, long first, CancellationToken ct)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            await using var insert = conn.Command(tx, "INSERT INTO alert_snapshot (part, payload) VALUES (@part, @payload)");
            insert.AddParameter("@part", first + i);
            insert.AddParameter("@payload", parts[i]);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }
}
