using System.Data.Common;

namespace Vigil.Server.Storage;

public sealed partial class OutboxStore
{
    private const string HeldBy = "id = @id AND state = 'pending' AND lease_owner = @owner";

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
            // One prepared command per statement, rebound per message: a batch is a few hundred executions, not parses.
            var updates = new Dictionary<OutboxState, DbCommand>();
            DbCommand? insert = null;
            try
            {
                var states = new OutboxState?[completions.Count];
                for (var i = 0; i < completions.Count; i++)
                {
                    var c = completions[i];
                    if (!updates.TryGetValue(c.Outcome, out var update))
                    {
                        updates[c.Outcome] = update = conn.Command(tx, CompletionSql(c.Outcome));
                    }
                    states[i] = await ApplyAsync(update, owner, c, cancellationToken).ConfigureAwait(false);
                    if (states[i] is null)
                    {
                        continue;
                    }
                    insert ??= conn.Command(tx,
                        "INSERT INTO delivery_attempts (outbox_id, attempted_at, duration_ms, status_code, error) VALUES (@id, @at, @ms, @status, @error)");
                    foreach (var attempt in c.Attempts)
                    {
                        insert.Parameters.Clear();
                        insert.AddParameter("@id", c.Id);
                        insert.AddParameter("@at", UnixMs.From(attempt.AttemptedAt));
                        insert.AddParameter("@ms", (long)attempt.Duration.TotalMilliseconds);
                        insert.AddParameter("@status", attempt.StatusCode is { } s ? (long)s : null);
                        insert.AddParameter("@error", attempt.Error);
                        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                return states;
            }
            finally
            {
                foreach (var cmd in updates.Values)
                {
                    await cmd.DisposeAsync().ConfigureAwait(false);
                }
                if (insert is not null)
                {
                    await insert.DisposeAsync().ConfigureAwait(false);
                }
            }
        }, cancellationToken);

    private static string CompletionSql(OutboxState outcome)
    {
        var set = outcome switch
        {
            OutboxState.Delivered => "state = 'delivered', delivered_at = @at, last_error = NULL",
            OutboxState.Failed => "state = 'failed', last_error = @error",
            OutboxState.Pending => "state = CASE WHEN superseded_by IS NULL THEN state ELSE 'superseded' END, next_attempt_at = @next, last_error = @error",
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "a delivery ends delivered, failed or pending"),
        };
        return $"UPDATE outbox SET {set}, attempts = attempts + @attempts, lease_owner = NULL, lease_until = NULL WHERE {HeldBy} RETURNING state";
    }

    private static async Task<OutboxState?> ApplyAsync(DbCommand update, string owner, DeliveryCompletion c, CancellationToken ct)
    {
        update.Parameters.Clear();
        update.AddParameter("@id", c.Id);
        update.AddParameter("@owner", owner);
        update.AddParameter("@attempts", (long)c.Attempts.Count);
        switch (c.Outcome)
        {
            case OutboxState.Delivered:
                update.AddParameter("@at", UnixMs.From(c.At));
                break;
            case OutboxState.Failed:
                update.AddParameter("@error", c.Error);
                break;
            default:
                update.AddParameter("@next", UnixMs.From(c.RetryAt ?? c.At));
                update.AddParameter("@error", c.Error);
                break;
        }
        return await update.ExecuteScalarAsync(ct).ConfigureAwait(false) switch
        {
            "pending" => OutboxState.Pending,
            "delivered" => OutboxState.Delivered,
            "failed" => OutboxState.Failed,
            "superseded" => OutboxState.Superseded,
            _ => null,
        };
    }
}
