using System.Data.Common;
using System.Text;

namespace Vigil.Server.Storage;

public sealed partial class OutboxStore
{
    /// <summary>
    /// Leases up to <paramref name="limit"/> pending messages that are due and not leased by anyone
    /// (or whose lease ran out) to <paramref name="owner"/> until <c>now + lease</c>, oldest due first.
    /// Only the rows this UPDATE changed are returned, so two owners never get the same message.
    /// Messages of receivers' integrations (<c>receiver:KIND</c>) for <paramref name="skipReceivers"/>, and other messages
    /// (pages, vendors) to <paramref name="skipTargets"/>, are left alone (places this worker is already busy with). A group's notifications to one integration go out in order: one is not
    /// claimed while an older one of the same group is in flight or awaiting a retry. A message
    /// superseded while in flight whose worker went away is closed as superseded here (returned with
    /// that state, not leased: skip it). <paramref name="skipIds"/> are never claimed: messages the caller is still sending
    /// although their lease ran out (the clock stepped forward past it).
    /// </summary>
    public Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit,
        IReadOnlyCollection<string>? skipReceivers = null, IReadOnlyCollection<string>? skipTargets = null,
        IReadOnlyCollection<long>? skipIds = null, CancellationToken cancellationToken = default) =>
        db.WriteAsync<IReadOnlyList<OutboxItem>>(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "");
            var skip = new StringBuilder();
            Skip(cmd, skip, "receiver:%", "LIKE", "c.receiver", "@skipr", skipReceivers);
            Skip(cmd, skip, "receiver:%", "NOT LIKE", "c.target_url", "@skipt", skipTargets);
            // Still being sent by the caller although their lease ran out: neither claimed again nor let past (below).
            var stillSent = "";
            if (skipIds is { Count: > 0 })
            {
                var ids = new StringBuilder();
                AppendIn(cmd, ids, "@skipi", skipIds);
                stillSent = ids.ToString();
                skip.Append(" AND c.id NOT IN ").Append(stillSent);
            }
            const string claimable = "state = 'pending' AND (lease_until IS NULL OR lease_until < @now)";
            // An older message of the same group holds the newer back while it may still be sent: awaiting a retry
            // (not superseded), or in flight. Its lease is checked, not just its owner, so this holds across nodes.
            var noOlderPending = "(c.group_state = 0 OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.group_state = 1 AND o.state = 'pending' " +
                "AND o.receiver = c.receiver AND o.integration_index = c.integration_index AND o.group_key = c.group_key AND o.id < c.id " +
                $"AND (o.superseded_by IS NULL OR o.lease_until >= @now{(stillSent.Length == 0 ? "" : $" OR o.id IN {stillSent}")})))";
            var lockRows = db.Engine == DatabaseEngine.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
            // The lease alone is set, so the update leaves the indexes on state alone (SQLite rewrites an index entry for
            // every row whose SET names an indexed column, changed or not; PostgreSQL can update such a row in place). In
            // the 10,000-page burst of docs/benchmarks.md ("Item 7, session 25") the claims held the writer ~200 ms instead
            // of ~280 and the delivery p99 fell by ~10 %. The rare row superseded while a worker that went away held it is
            // leased here too, and closed by the second statement below; it comes back as superseded, not leased.
            cmd.CommandText =
                $"UPDATE outbox SET lease_owner = @owner, lease_until = @until " +
                $"WHERE {claimable} AND id IN (SELECT c.id FROM outbox c WHERE c.state = 'pending' AND (c.lease_until IS NULL OR c.lease_until < @now) " +
                $"AND c.next_attempt_at <= @now{skip} AND {noOlderPending} " +
                $"ORDER BY c.next_attempt_at, c.id LIMIT @limit{lockRows}) RETURNING {Columns}";
            cmd.AddParameter("@owner", owner);
            cmd.AddParameter("@now", UnixMs.From(now));
            cmd.AddParameter("@until", UnixMs.From(now + lease));
            cmd.AddParameter("@limit", (long)limit);
            var items = await ReadItemsAsync(cmd, cancellationToken).ConfigureAwait(false);
            if (items.Exists(static i => i.SupersededBy is not null))
            {
                await CloseSupersededAsync(conn, tx, items, cancellationToken).ConfigureAwait(false);
            }
            items.Sort(static (a, b) => a.NextAttemptAt != b.NextAttemptAt ? a.NextAttemptAt.CompareTo(b.NextAttemptAt) : a.Id.CompareTo(b.Id));
            return items;
        }, cancellationToken);

    /// <summary>
    /// Closes the claimed <paramref name="items"/> that a newer notification superseded while an earlier lease held them:
    /// never sent again, and no longer holding their group's newer notifications back. They stay in the list as superseded
    /// and unleased, for the claimer to skip.
    /// </summary>
    private static async Task CloseSupersededAsync(DbConnection conn, DbTransaction tx, List<OutboxItem> items, CancellationToken ct)
    {
        await using var close = conn.Command(tx, "UPDATE outbox SET state = 'superseded', lease_owner = NULL, lease_until = NULL WHERE id = @id");
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].SupersededBy is null)
            {
                continue;
            }
            close.Parameters.Clear();
            close.AddParameter("@id", items[i].Id);
            await close.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            items[i] = items[i] with { State = OutboxState.Superseded, LeaseOwner = null, LeaseUntil = null };
        }
    }

    /// <summary>Adds <c>AND NOT (integration [NOT] LIKE 'receiver:%' AND column IN (…))</c> for <paramref name="values"/>, if any.</summary>
    private static void Skip(DbCommand cmd, StringBuilder sql, string pattern, string like, string column, string prefix, IReadOnlyCollection<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }
        AppendIn(cmd, sql.Append($" AND NOT (c.integration {like} '{pattern}' AND {column} IN "), prefix, values);
        sql.Append(')');
    }

    /// <summary>Appends <c>(@p0, @p1, …)</c> for <paramref name="values"/>, each added to <paramref name="cmd"/> as a parameter.</summary>
    private static void AppendIn<T>(DbCommand cmd, StringBuilder sql, string prefix, IReadOnlyCollection<T> values)
    {
        sql.Append('(');
        var i = 0;
        foreach (var value in values)
        {
            sql.Append(i == 0 ? "" : ", ").Append($"{prefix}{i}");
            cmd.AddParameter($"{prefix}{i}", value);
            i++;
        }
        sql.Append(')');
    }
}
