using System.Data.Common;

namespace Vigil.Server.Storage;

public sealed partial class OutboxStore
{
    /// <summary>
    /// Writes what deliveries came to, many in one transaction (the delivery worker batches them; see
    /// <see cref="Notify.OutboxCompletions"/>): per message its attempts, counted, and its new state — delivered,
    /// failed, or due again at its retry time (superseded instead when a newer notification of its group replaced it
    /// while it was in flight) — and its lease released. A completion applies only to a message still pending under
    /// <paramref name="owner"/>'s lease, so writing one twice (a retry after a commit whose answer was lost) or after
    /// another worker took the message over changes nothing. Returns, per completion, the message's state afterwards,
    /// or null when it did not apply. All or nothing: an exception leaves every message as it was.
    /// </summary>
    public Task<IReadOnlyList<OutboxState?>> CompleteAsync(string owner, IReadOnlyList<DeliveryCompletion> completions,
        CancellationToken cancellationToken = default) =>
        db.WriteAsync<IReadOnlyList<OutboxState?>>(async (conn, tx) =>
        {
            // One prepared statement per kind of write, bound per message: a batch is a few hundred executions, not parses.
            // Delivered and failed messages end in that state when their update applied, so only a retry, which may find its
            // message superseded, reads the state back (RETURNING cost ~6 µs a row on SQLite).
            var settled = new Dictionary<OutboxState, RowStatement>();
            DbCommand? retry = null;
            RowStatement? insert = null;
            try
            {
                var states = new OutboxState?[completions.Count];
                for (var i = 0; i < completions.Count; i++)
                {
                    var c = completions[i];
                    if (c.Outcome == OutboxState.Pending)
                    {
                        retry ??= conn.Command(tx,
                            "UPDATE outbox SET state = CASE WHEN superseded_by IS NULL THEN state ELSE 'superseded' END, next_attempt_at = @next, " +
                            "last_error = @error, attempts = attempts + @attempts, lease_owner = NULL, lease_until = NULL " +
                            "WHERE id = @id AND state = 'pending' AND lease_owner = @owner RETURNING state");
                        states[i] = await RetryAsync(retry, owner, c, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        if (!settled.TryGetValue(c.Outcome, out var update))
                        {
                            settled[c.Outcome] = update = RowStatement.Prepare(conn, tx, SettleSql(c.Outcome));
                        }
                        update.Add(c.Outcome == OutboxState.Delivered ? UnixMs.From(c.At) : null).Add(c.Error).Add(c.Attempts.Count).Add(c.Id).Add(owner);
                        states[i] = await update.ExecuteAsync(cancellationToken).ConfigureAwait(false) == 1 ? c.Outcome : null;
                    }
                    if (states[i] is null)
                    {
                        continue;
                    }
                    insert ??= RowStatement.Prepare(conn, tx,
                        "INSERT INTO delivery_attempts (outbox_id, attempted_at, duration_ms, status_code, error) VALUES ({0}, {1}, {2}, {3}, {4})");
                    foreach (var attempt in c.Attempts)
                    {
                        insert.Add(c.Id).Add(UnixMs.From(attempt.AttemptedAt)).Add((long)attempt.Duration.TotalMilliseconds).Add(attempt.StatusCode)
                            .Add(attempt.Error);
                        await insert.ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                return states;
            }
            finally
            {
                foreach (var statement in settled.Values)
                {
                    await statement.DisposeAsync().ConfigureAwait(false);
                }
                if (retry is not null)
                {
                    await retry.DisposeAsync().ConfigureAwait(false);
                }
                if (insert is not null)
                {
                    await insert.DisposeAsync().ConfigureAwait(false);
                }
            }
        }, cancellationToken);

    /// <summary>A delivered or failed message's update; values: delivered at, last error, attempts made, id, lease owner.</summary>
    private static string SettleSql(OutboxState outcome) =>
        $"UPDATE outbox SET state = '{(outcome == OutboxState.Delivered ? "delivered" : "failed")}', delivered_at = {{0}}, last_error = {{1}}, " +
        "attempts = attempts + {2}, lease_owner = NULL, lease_until = NULL WHERE id = {3} AND state = 'pending' AND lease_owner = {4}";

    private static async Task<OutboxState?> RetryAsync(DbCommand update, string owner, DeliveryCompletion c, CancellationToken ct)
    {
        update.Parameters.Clear();
        update.AddParameter("@id", c.Id);
        update.AddParameter("@owner", owner);
        update.AddParameter("@attempts", (long)c.Attempts.Count);
        update.AddParameter("@next", UnixMs.From(c.RetryAt ?? c.At));
        update.AddParameter("@error", c.Error);
        return await update.ExecuteScalarAsync(ct).ConfigureAwait(false) switch
        {
            "pending" => OutboxState.Pending,
            "superseded" => OutboxState.Superseded,
            _ => null,
        };
    }
}
