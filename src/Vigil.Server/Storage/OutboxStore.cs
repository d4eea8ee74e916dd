using System.Data.Common;

namespace Vigil.Server.Storage;

/// <summary>
/// The durable outbox of notifications and the record of every delivery attempt. Workers claim due
/// messages with a lease through a conditional UPDATE, so several server nodes can share one
/// PostgreSQL without delivering a message twice at once.
/// </summary>
public sealed partial class OutboxStore(Database db)
{
    private const string Columns = "id, receiver, integration, integration_index, target_url, group_key, payload, created_at, " +
        "state, attempts, next_attempt_at, lease_owner, lease_until, delivered_at, last_error, dedup_key, superseded_by";

    private readonly NotificationLogStore _nflog = new(db);

    /// <summary>
    /// Adds <paramref name="message"/> inside the caller's transaction, due at once. Returns its id, or
    /// null when a message with the same <see cref="OutboxMessage.DedupKey"/> already exists.
    /// </summary>
    public Task<long?> EnqueueAsync(DbConnection connection, DbTransaction transaction, OutboxMessage message,
        CancellationToken cancellationToken = default) =>
        InsertAsync(connection, transaction, message, groupState: false, cancellationToken);

    /// <summary>
    /// Adds <paramref name="message"/>, a notification carrying the whole current state of its group (what a flush
    /// sends, as Alertmanager does: a state, not a history), inside the caller's transaction, and supersedes the older
    /// messages of the same receiver, integration index and group that are still pending: one not in flight becomes
    /// <c>superseded</c> at once; one in flight (leased) is marked, so that if its attempt fails it is superseded instead
    /// of retried. Other messages (page notices, warnings) are never superseded. Returns the new id (null when the
    /// dedup key was used already) and the payloads of the messages it superseded, oldest first, so the caller can
    /// carry over what they said that the new one does not (a resolution).
    /// </summary>
    public async Task<(long? Id, IReadOnlyList<byte[]> Superseded)> EnqueueGroupStateAsync(DbConnection connection, DbTransaction transaction,
        OutboxMessage message, CancellationToken cancellationToken = default)
    {
        var id = await InsertAsync(connection, transaction, message, groupState: true, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return (null, []);
        }
        // Every SET expression sees the row as it was, so "not in flight" is judged once, on the same lease.
        const string notInFlight = "lease_until IS NULL OR lease_until < @now";
        await using var cmd = connection.Command(transaction,
            $"UPDATE outbox SET superseded_by = @id, state = CASE WHEN {notInFlight} THEN 'superseded' ELSE state END, " +
            $"lease_owner = CASE WHEN {notInFlight} THEN NULL ELSE lease_owner END, lease_until = CASE WHEN {notInFlight} THEN NULL ELSE lease_until END " +
            "WHERE group_state = 1 AND state = 'pending' AND receiver = @receiver AND integration_index = @index AND group_key = @group AND id < @id " +
            "RETURNING id, payload");
        cmd.AddParameter("@id", id.Value);
        cmd.AddParameter("@now", UnixMs.From(message.CreatedAt));
        cmd.AddParameter("@receiver", message.Receiver);
        cmd.AddParameter("@index", (long)message.IntegrationIndex);
        cmd.AddParameter("@group", message.GroupKey);
        var superseded = new List<(long Id, byte[] Payload)>();
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                superseded.Add((r.GetInt64(0), (byte[])r.GetValue(1)));
            }
        }
        superseded.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return (id, superseded.ConvertAll(s => s.Payload));
    }

    /// <summary>Leases a message just added in the caller's transaction (before anyone could claim it) to <paramref name="owner"/>.</summary>
    public async Task LeaseNewAsync(DbConnection connection, DbTransaction transaction, long id, string owner, DateTimeOffset until,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.Command(transaction, "UPDATE outbox SET lease_owner = @owner, lease_until = @until WHERE id = @id AND state = 'pending'");
        cmd.AddParameter("@owner", owner);
        cmd.AddParameter("@until", UnixMs.From(until));
        cmd.AddParameter("@id", id);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="EnqueueAsync(DbConnection, DbTransaction, OutboxMessage, CancellationToken)"/> for many messages
    /// (<see cref="RowInserts"/>); a message whose dedup key was used already is left out.
    /// </summary>
    public Task EnqueueManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxMessage> messages,
        CancellationToken cancellationToken = default) =>
        RowInserts.RunAsync(connection, transaction,
            "INSERT INTO outbox (receiver, integration, integration_index, target_url, group_key, payload, created_at, " +
            "state, attempts, next_attempt_at, dedup_key, group_state) VALUES",
            "({0}, {1}, {2}, {3}, {4}, {5}, {6}, 'pending', 0, {6}, {7}, 0)", "ON CONFLICT (dedup_key) DO NOTHING", messages,
            static (row, m) => row.Add(m.Receiver).Add(m.Integration).Add(m.IntegrationIndex).Add(m.TargetUrl).Add(m.GroupKey).Add(m.Payload)
                .Add(UnixMs.From(m.CreatedAt)).Add(m.DedupKey), cancellationToken);

    /// <summary>Replaces the payload of a message just added in the caller's transaction (before anyone could claim it).</summary>
    public async Task ReplacePayloadAsync(DbConnection connection, DbTransaction transaction, long id, byte[] payload,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.Command(transaction, "UPDATE outbox SET payload = @payload WHERE id = @id");
        cmd.AddParameter("@payload", payload);
        cmd.AddParameter("@id", id);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string InsertSql =
        "INSERT INTO outbox (receiver, integration, integration_index, target_url, group_key, payload, created_at, " +
        "state, attempts, next_attempt_at, dedup_key, group_state) " +
        "VALUES (@receiver, @integration, @index, @url, @group, @payload, @created, 'pending', 0, @created, @dedup, @groupState) " +
        "ON CONFLICT (dedup_key) DO NOTHING";

    /// <summary>
    /// On SQLite the id comes from <c>last_insert_rowid()</c>, not <c>RETURNING</c>: on this table (its indexes, the
    /// payload) SQLite's <c>RETURNING</c> made the insert cost 140–280 µs instead of 13–77
    /// (<c>bench/prof/sqlite-returning.py</c>), and every notification and page message is one such insert.
    /// The writer holds the database for the whole transaction, so nothing else inserts in between.
    /// </summary>
    private static readonly string SqliteInsertSql = InsertSql + "; SELECT CASE WHEN changes() = 1 THEN last_insert_rowid() END";

    private static readonly string ReturningInsertSql = InsertSql + " RETURNING id";

    private static async Task<long?> InsertAsync(DbConnection connection, DbTransaction transaction, OutboxMessage message, bool groupState,
        CancellationToken cancellationToken)
    {
        await using var cmd = connection.Command(transaction, connection is Microsoft.Data.Sqlite.SqliteConnection ? SqliteInsertSql : ReturningInsertSql);
        cmd.AddParameter("@groupState", groupState ? 1L : 0L);
        cmd.AddParameter("@receiver", message.Receiver);
        cmd.AddParameter("@integration", message.Integration);
        cmd.AddParameter("@index", (long)message.IntegrationIndex);
        cmd.AddParameter("@url", message.TargetUrl);
        cmd.AddParameter("@group", message.GroupKey);
        cmd.AddParameter("@payload", message.Payload);
        cmd.AddParameter("@created", UnixMs.From(message.CreatedAt));
        cmd.AddParameter("@dedup", message.DedupKey);
        var id = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Adds <paramref name="message"/> and, when given, upserts <paramref name="notificationLog"/>, in
    /// one transaction. Returns the message id, or null when its dedup key was already used (the
    /// notification log row is written either way).
    /// </summary>
    public Task<long?> EnqueueAsync(OutboxMessage message, NotificationLogRow? notificationLog, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            var id = await EnqueueAsync(conn, tx, message, cancellationToken).ConfigureAwait(false);
            if (notificationLog is not null)
            {
                await _nflog.UpsertAsync(conn, tx, notificationLog, cancellationToken).ConfigureAwait(false);
            }
            return id;
        }, cancellationToken);

    /// <summary>
    /// Withdraws the messages of <paramref name="groupKey"/> not yet attempted and due after <paramref name="now"/>
    /// (e.g. a page's delayed notifications once it is acknowledged), inside the caller's transaction.
    /// </summary>
    public async Task<int> CancelLaterAsync(DbConnection connection, DbTransaction transaction, string groupKey, DateTimeOffset now, string reason,
        CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.Command(transaction,
            "UPDATE outbox SET state = 'failed', last_error = @reason WHERE group_key = @group AND state = 'pending' AND attempts = 0 AND next_attempt_at > @now");
        cmd.AddParameter("@reason", reason);
        cmd.AddParameter("@group", groupKey);
        cmd.AddParameter("@now", UnixMs.From(now));
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records one delivery attempt and counts it on the message.</summary>
    public Task RecordAttemptAsync(long id, DeliveryAttempt attempt, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using (var insert = conn.Command(tx,
                "INSERT INTO delivery_attempts (outbox_id, attempted_at, duration_ms, status_code, error) VALUES (@id, @at, @ms, @status, @error)"))
            {
                insert.AddParameter("@id", id);
                insert.AddParameter("@at", UnixMs.From(attempt.AttemptedAt));
                insert.AddParameter("@ms", (long)attempt.Duration.TotalMilliseconds);
                insert.AddParameter("@status", attempt.StatusCode is { } s ? (long)s : null);
                insert.AddParameter("@error", attempt.Error);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using var count = conn.Command(tx, "UPDATE outbox SET attempts = attempts + 1 WHERE id = @id");
            count.AddParameter("@id", id);
            await count.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Marks a pending message delivered and releases its lease. False when it was not pending.</summary>
    public Task<bool> MarkDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default) =>
        UpdatePendingAsync(id, "state = 'delivered', delivered_at = @at, last_error = NULL",
            cmd => cmd.AddParameter("@at", UnixMs.From(deliveredAt)), cancellationToken);

    /// <summary>
    /// Makes a pending message due again at <paramref name="nextAttemptAt"/>, noting the error, and releases its lease.
    /// False when it was not pending, or when a newer notification of its group superseded it while it was in flight:
    /// then it is marked superseded instead, and never retried.
    /// </summary>
    public Task<bool> ScheduleRetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx,
                "UPDATE outbox SET state = CASE WHEN superseded_by IS NULL THEN state ELSE 'superseded' END, next_attempt_at = @next, " +
                "last_error = @error, lease_owner = NULL, lease_until = NULL WHERE id = @id AND state = 'pending' RETURNING state");
            cmd.AddParameter("@id", id);
            cmd.AddParameter("@next", UnixMs.From(nextAttemptAt));
            cmd.AddParameter("@error", error);
            return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is "pending";
        }, cancellationToken);

    /// <summary>
    /// Releases the leases held by earlier runs of node <paramref name="node"/> (owners <c>node/…</c>), at its start:
    /// what that run had in flight when it died is sent again at once instead of after the lease, and no longer holds
    /// back its group's newer notifications. Leases of other nodes are left alone.
    /// </summary>
    public Task<int> ReleaseLeasesOfNodeAsync(string node, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            var prefix = node + "/";
            await using var cmd = conn.Command(tx,
                "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE state = 'pending' AND lease_owner IS NOT NULL " +
                "AND substr(lease_owner, 1, @length) = @prefix");
            cmd.AddParameter("@length", prefix.Length);
            cmd.AddParameter("@prefix", prefix);
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Releases the leases a process with this instance id holds (a node of the cluster that died mid-delivery):
    /// those messages are claimed again at once instead of when their leases run out.</summary>
    public Task<int> ReleaseLeasesOfInstanceAsync(string instance, CancellationToken cancellationToken = default) =>
        db.WriteAsync(async (conn, tx) =>
        {
            var suffix = "/" + instance;
            await using var cmd = conn.Command(tx,
                "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE state = 'pending' AND lease_owner IS NOT NULL " +
                "AND length(lease_owner) > @length AND substr(lease_owner, length(lease_owner) - @length + 1) = @suffix");
            cmd.AddParameter("@length", suffix.Length);
            cmd.AddParameter("@suffix", suffix);
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Gives up on a pending message (a 4xx answer, or too many attempts) and releases its lease.</summary>
    public Task<bool> MarkFailedAsync(long id, string error, CancellationToken cancellationToken = default) =>
        UpdatePendingAsync(id, "state = 'failed', last_error = @error", cmd => cmd.AddParameter("@error", error), cancellationToken);

    internal static string StateName(OutboxState state) => state switch
    {
        OutboxState.Delivered => "delivered",
        OutboxState.Failed => "failed",
        OutboxState.Superseded => "superseded",
        _ => "pending",
    };

    private Task<bool> UpdatePendingAsync(long id, string set, Action<DbCommand> bind, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, $"UPDATE outbox SET {set}, lease_owner = NULL, lease_until = NULL WHERE id = @id AND state = 'pending'");
            cmd.AddParameter("@id", id);
            bind(cmd);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, ct);
}
