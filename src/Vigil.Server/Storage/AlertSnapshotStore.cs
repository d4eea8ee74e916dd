using Vigil.Server.Alerts;

namespace Vigil.Server.Storage;

/// <summary>
/// The snapshot of all live alerts (table <c>alert_snapshot</c>, in binary parts) and the <c>checkpoint</c> row saying
/// which ingest log record it includes. A snapshot is a whole one (parts from 0) followed by incremental ones (the
/// alerts changed or removed since, in later parts): read in part order, later entries replace earlier ones. At start
/// the parts are decoded (in parallel) and the log after the checkpoint replayed; after a save the log is truncated
/// through the saved sequence. On SQLite both tables live in their own file (<see cref="SnapshotDatabase"/>) when one is
/// given, so writing a snapshot never holds up the ingest log's commits.
/// </summary>
public sealed class AlertSnapshotStore(Database db, SnapshotDatabase? own = null)
{
    /// <summary>Where snapshots are written: their own file when there is one, else the database.</summary>
    private readonly Database _store = own?.Database ?? db;

    /// <summary>Whether <c>vigil.db</c> still holds snapshot parts (written by an older version) to delete after the next save.</summary>
    private bool _leftInDatabase;

    /// <summary>Alerts per part: keeps each BLOB/BYTEA to a few MiB.</summary>
    private const int AlertsPerPart = 20_000;

    /// <summary>What the stored snapshot is made of, as this process last loaded or saved it (null before either).</summary>
    public SnapshotShape? Shape { get; private set; }

    /// <summary>Replaces the snapshot with <paramref name="alerts"/> and records <paramref name="appliedSeq"/>, in one transaction.</summary>
    public async Task SaveAsync(IReadOnlyList<Alert> alerts, long appliedSeq, CancellationToken cancellationToken = default)
    {
        // Encode before taking the write lock: on SQLite without a file of its own, the ingest log shares it.
        var parts = Encode(alerts.Select(a => new AlertChange(a.Fingerprint, a)).ToList());
        await _store.WriteAsync(async (conn, tx) =>
        {
            await using (var delete = conn.Command(tx, "DELETE FROM alert_snapshot"))
            {
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await InsertPartsAsync(conn, tx, parts, 0, cancellationToken).ConfigureAwait(false);
            // The snapshot's own file may have no row yet (see LoadIntoAsync).
            await using var cmd = conn.Command(tx,
                "INSERT INTO checkpoint (id, applied_seq) VALUES (1, @seq) ON CONFLICT (id) DO UPDATE SET applied_seq = excluded.applied_seq");
            cmd.AddParameter("@seq", appliedSeq);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Shape = new SnapshotShape(appliedSeq, alerts.Count, 0, 0, parts.Count - 1);
        if (_leftInDatabase)
        {
            // The snapshot an older version kept in vigil.db is replaced by this one: it must not come back if this file went.
            await db.WriteAsync(async (conn, tx) =>
            {
                await using var delete = conn.Command(tx, "DELETE FROM alert_snapshot");
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            _leftInDatabase = false;
        }
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
        var last = await _store.WriteAsync(async (conn, tx) =>
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
        if (own is not null)
        {
            // Parts in vigil.db were written by a version without the snapshot's own file: read them until it has its first
            // snapshot (or they are what a crash left between that first save and their deletion), delete them after the next.
            _leftInDatabase = await HasPartsAsync(db, cancellationToken).ConfigureAwait(false);
            if (await LoadFromAsync(_store, state, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        if (!await LoadFromAsync(db, state, cancellationToken).ConfigureAwait(false))
        {
            state.Restore([], 0); // the migrations add vigil.db's row: only a damaged database lacks it
            Shape = new SnapshotShape(0, 0, 0, 0, -1);
        }
        if (own is not null && !_leftInDatabase)
        {
            // No snapshot to move: the own file starts at the sequence read, so the next changes are added to it.
            await _store.WriteAsync(async (conn, tx) =>
            {
                await using var cmd = conn.Command(tx, "INSERT INTO checkpoint (id, applied_seq) VALUES (1, @seq) ON CONFLICT (id) DO NOTHING");
                cmd.AddParameter("@seq", state.AppliedSeq);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> HasPartsAsync(Database from, CancellationToken ct)
    {
        await using var conn = await from.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT EXISTS (SELECT 1 FROM alert_snapshot)");
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    /// <summary>Restores <paramref name="state"/> from the snapshot in <paramref name="from"/>; false (nothing read) if it has no checkpoint row.</summary>
    private async Task<bool> LoadFromAsync(Database from, AlertState state, CancellationToken cancellationToken)
    {
        await using var conn = await from.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction, so the checkpoint and the parts agree.
        await using var tx = await Database.BeginReadAsync(conn, cancellationToken).ConfigureAwait(false);
        long appliedSeq;
        await using (var cmd = conn.Command(tx, "SELECT applied_seq FROM checkpoint WHERE id = 1"))
        {
            if (await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long seq)
            {
                return false;
            }
            appliedSeq = seq;
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
        return true;
    }

    private static List<byte[]> Encode(IReadOnlyList<AlertChange> changes)
    {
        // One part after the other, on one thread: a checkpoint runs while the server serves, and encoding in parallel took
        // every core from ingestion and notifications (on 2 cores the p99 of a first notification during a 100k ingest
        // went from 50–170 ms to 350–560 ms). Decoding at start, before the server is ready, is what runs in parallel.
        if (changes.Count == 0)
        {
            return [];
        }
        var scratch = new MemoryStream(Math.Min(changes.Count, AlertsPerPart) * 256);
        return [.. changes.Chunk(AlertsPerPart).Select(c => AlertSnapshotCodec.Encode(c, scratch))];
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
