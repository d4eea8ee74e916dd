using System.Data.Common;

namespace Vigil.Server.Storage;

/// <summary>
/// The notification log (<c>notification_log</c>), keyed by group key, receiver and integration
/// index. Upsert it in the same transaction as the outbox message it accounts for
/// (<see cref="OutboxStore.EnqueueAsync(OutboxMessage, NotificationLogRow?, CancellationToken)"/>),
/// so a restart never finds one without the other.
/// </summary>
public sealed class NotificationLogStore(Database db)
{
    private const string Columns = "group_key, receiver, integration_index, firing, resolved, sent_at, expires_at";

    /// <summary>Every row, expired or not (the caller ignores expired ones; <see cref="DeleteExpiredAsync"/> removes them).</summary>
    public async Task<IReadOnlyList<NotificationLogRow>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var conn = await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM notification_log ORDER BY group_key, receiver, integration_index");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<NotificationLogRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new NotificationLogRow(
                reader.GetString(0),
                reader.GetString(1),
                checked((int)reader.GetInt64(2)),
                FingerprintList.Read(reader.GetString(3)),
                FingerprintList.Read(reader.GetString(4)),
                UnixMs.ToInstant(reader.GetInt64(5)),
                UnixMs.ToInstant(reader.GetInt64(6))));
        }
        return rows;
    }

    /// <summary>Inserts or replaces the row for its key, in a transaction of its own.</summary>
    public Task UpsertAsync(NotificationLogRow row, CancellationToken cancellationToken = default) =>
        db.WriteAsync((conn, tx) => UpsertAsync(conn, tx, row, cancellationToken), cancellationToken);

    /// <summary>Inserts or replaces the row for its key inside the caller's transaction.</summary>
    public async Task UpsertAsync(DbConnection connection, DbTransaction transaction, NotificationLogRow row,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.Command(transaction,
            $"INSERT INTO notification_log ({Columns}) VALUES (@g, @r, @i, @f, @res, @t, @x) " +
            "ON CONFLICT (group_key, receiver, integration_index) DO UPDATE SET firing = excluded.firing, " +
            "resolved = excluded.resolved, sent_at = excluded.sent_at, expires_at = excluded.expires_at");
        cmd.AddParameter("@g", row.GroupKey);
        cmd.AddParameter("@r", row.Receiver);
        cmd.AddParameter("@i", (long)row.IntegrationIndex);
        cmd.AddParameter("@f", FingerprintList.Write(row.Firing));
        cmd.AddParameter("@res", FingerprintList.Write(row.Resolved));
        cmd.AddParameter("@t", UnixMs.From(row.Timestamp));
        cmd.AddParameter("@x", UnixMs.From(row.ExpiresAt));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the rows whose <c>expires_at</c> is at or before <paramref name="now"/>; returns how many.</summary>
    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "DELETE FROM notification_log WHERE expires_at <= @now");
            cmd.AddParameter("@now", UnixMs.From(now));
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
