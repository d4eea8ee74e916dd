using System.Data.Common;
using System.Text;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Storage;

/// <summary>
/// The materialised <c>alerts</c> table and the <c>checkpoint</c> row saying which ingest log record
/// it includes. The integrator saves what changed since the last save, then truncates the ingest log
/// through the saved sequence number; at start it loads the snapshot and replays the log after it.
/// </summary>
public sealed class AlertSnapshotStore(Database db)
{
    private const int RowsPerStatement = 500;
    private const string Columns = "fingerprint, labels, annotations, starts_at, ends_at, generator_url, updated_at, timeout";

    /// <summary>
    /// Upserts <paramref name="upserts"/>, deletes <paramref name="deletes"/> (after the upserts, so a
    /// fingerprint in both ends up deleted) and records <paramref name="appliedSeq"/>, all in one
    /// transaction, with multi-row statements.
    /// </summary>
    public Task SaveAsync(IReadOnlyCollection<Alert> upserts, IReadOnlyCollection<Fingerprint> deletes, long appliedSeq,
        CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            // A statement may not touch a row twice (PostgreSQL refuses it), so the last version of an alert wins here.
            var latest = new Dictionary<Fingerprint, Alert>(upserts.Count);
            foreach (var a in upserts)
            {
                latest[a.Fingerprint] = a;
            }
            foreach (var chunk in latest.Values.Chunk(RowsPerStatement))
            {
                await UpsertChunkAsync(conn, tx, chunk, cancellationToken).ConfigureAwait(false);
            }
            foreach (var chunk in deletes.Chunk(RowsPerStatement))
            {
                await DeleteChunkAsync(conn, tx, chunk, cancellationToken).ConfigureAwait(false);
            }
            await using var cmd = conn.Command(tx, "UPDATE checkpoint SET applied_seq = @seq WHERE id = 1");
            cmd.AddParameter("@seq", appliedSeq);
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Every saved alert and the ingest log sequence number the snapshot includes (0 when none).</summary>
    public async Task<(IReadOnlyList<Alert> Alerts, long AppliedSeq)> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction, so the checkpoint and the rows agree.
        await using var tx = await Database.BeginReadAsync(conn, cancellationToken).ConfigureAwait(false);
        long appliedSeq;
        await using (var cmd = conn.Command(tx, "SELECT applied_seq FROM checkpoint WHERE id = 1"))
        {
            appliedSeq = (long)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        }
        var alerts = new List<Alert>();
        await using (var cmd = conn.Command(tx, $"SELECT {Columns} FROM alerts"))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                alerts.Add(new Alert(
                    LabelJson.Read(reader.GetString(1), keepEmptyValues: false),
                    LabelJson.Read(reader.GetString(2), keepEmptyValues: true),
                    UnixMs.ToInstant(reader.GetInt64(3)),
                    UnixMs.ToInstant(reader.GetInt64(4)),
                    reader.GetString(5),
                    UnixMs.ToInstant(reader.GetInt64(6)),
                    reader.GetBoolean(7)));
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (alerts, appliedSeq);
    }

    private static async Task UpsertChunkAsync(DbConnection conn, DbTransaction tx, Alert[] chunk, CancellationToken ct)
    {
        var sql = new StringBuilder($"INSERT INTO alerts ({Columns}) VALUES ");
        await using var cmd = conn.Command(tx, "");
        for (var i = 0; i < chunk.Length; i++)
        {
            var a = chunk[i];
            sql.Append(i == 0 ? "" : ", ")
                .Append($"(@f{i}, @l{i}, @a{i}, @s{i}, @e{i}, @g{i}, @u{i}, @t{i})");
            cmd.AddParameter($"@f{i}", unchecked((long)a.Fingerprint.Value));
            cmd.AddParameter($"@l{i}", LabelJson.Write(a.Labels));
            cmd.AddParameter($"@a{i}", LabelJson.Write(a.Annotations));
            cmd.AddParameter($"@s{i}", UnixMs.From(a.StartsAt));
            cmd.AddParameter($"@e{i}", UnixMs.From(a.EndsAt));
            cmd.AddParameter($"@g{i}", a.GeneratorUrl);
            cmd.AddParameter($"@u{i}", UnixMs.From(a.UpdatedAt));
            cmd.AddParameter($"@t{i}", a.Timeout);
        }
        sql.Append(" ON CONFLICT (fingerprint) DO UPDATE SET labels = excluded.labels, annotations = excluded.annotations, ")
            .Append("starts_at = excluded.starts_at, ends_at = excluded.ends_at, generator_url = excluded.generator_url, ")
            .Append("updated_at = excluded.updated_at, timeout = excluded.timeout");
        cmd.CommandText = sql.ToString();
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task DeleteChunkAsync(DbConnection conn, DbTransaction tx, Fingerprint[] chunk, CancellationToken ct)
    {
        var sql = new StringBuilder("DELETE FROM alerts WHERE fingerprint IN (");
        await using var cmd = conn.Command(tx, "");
        for (var i = 0; i < chunk.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"@f{i}");
            cmd.AddParameter($"@f{i}", unchecked((long)chunk[i].Value));
        }
        cmd.CommandText = sql.Append(')').ToString();
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
