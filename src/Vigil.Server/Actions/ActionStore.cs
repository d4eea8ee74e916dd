using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Actions;

/// <summary>
/// Agent action requests (<c>agent_actions</c>, kept) and their history (<c>agent_action_events</c>). Changes are
/// read-modify-write inside one transaction, the row locked on PostgreSQL (<c>FOR UPDATE</c>) and the whole write
/// serialized on SQLite, so two nodes or two reports never lose each other's change.
/// </summary>
public sealed class ActionStore(Database db)
{
    private const string Columns = "id, host, action, reason, requested_by, state, nonce, requested_at, expires_at, awaits_boot, boot_id_before, " +
        "envelope, delivered_at, started_at, finished_at, exit_code, output, refusal, detail, new_boot_id, received_at";

    /// <summary>Pending, or delivered and not received within <see cref="ActionRules.RedeliverAfter"/> (parameter <c>@redeliver</c>).</summary>
    private const string Deliverable = "(state = 'pending' OR (state = 'delivered' AND received_at IS NULL AND delivered_at <= @redeliver))";

    private string LockRow => db.Engine == DatabaseEngine.Postgres ? " FOR UPDATE" : "";

    /// <summary>
    /// Stores new requests with their history so far (<paramref name="history"/>: requested, and delivered when handed
    /// over with the write), in their order (<see cref="RowInserts"/>): the requests a plan step makes of its batch's
    /// hosts with its start (one row at a time, that was 100 statements prepared anew).
    /// </summary>
    public static async Task InsertManyAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<AgentAction> actions,
        Func<AgentAction, IEnumerable<ActionEvent>> history, CancellationToken ct)
    {
        await RowInserts.RunAsync(conn, tx, $"INSERT INTO agent_actions ({Columns}) VALUES",
            "({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}, {16}, {17}, {18}, {19}, {20})", "", actions,
            static (row, a) => row.Add(a.Id).Add(a.Host).Add(a.Action).Add(a.Reason).Add(a.RequestedBy).Add(a.State.Name()).Add(a.Nonce)
                .Add(UnixMs.From(a.RequestedAt)).Add(UnixMs.From(a.ExpiresAt)).Add(a.AwaitsBoot ? 1L : 0L).Add(a.BootIdBefore).Add(a.Envelope)
                .Add(UnixMs.From(a.DeliveredAt)).Add(UnixMs.From(a.StartedAt)).Add(UnixMs.From(a.FinishedAt)).Add(a.ExitCode is { } e ? (long)e : null)
                .Add(a.Output).Add(a.Refusal).Add(a.Detail).Add(a.NewBootId).Add(UnixMs.From(a.ReceivedAt)), ct).ConfigureAwait(false);
        // A class, not a value pair: the insert is then the shared code compiled ahead of time, not compiled at a batch's first request.
        var events = new List<FirstEvent>(actions.Count);
        foreach (var a in actions)
        {
            foreach (var e in history(a))
            {
                events.Add(new FirstEvent(a.Id, e));
            }
        }
        await RowInserts.RunAsync(conn, tx, "INSERT INTO agent_action_events (action_id, at, kind, actor, detail) VALUES", "({0}, {1}, {2}, {3}, {4})", "",
            events, static (row, e) => row.Add(e.ActionId).Add(UnixMs.From(e.Event.At)).Add(e.Event.Kind).Add(e.Event.Actor).Add(e.Event.Detail), ct).ConfigureAwait(false);
    }

    private sealed record FirstEvent(string ActionId, ActionEvent Event);

    /// <summary>Writes what a change may alter (state, times, outcome) of a request read in the same transaction.</summary>
    public static async Task UpdateAsync(DbConnection conn, DbTransaction tx, AgentAction a, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            UPDATE agent_actions SET state = @state, delivered_at = @delivered, started_at = @started, finished_at = @finished,
                exit_code = @exit, output = @output, refusal = @refusal, detail = @detail, new_boot_id = @newBoot,
                received_at = @received
            WHERE id = @id
            """);
        AddMutable(cmd, a);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public static async Task AddEventAsync(DbConnection conn, DbTransaction tx, string actionId, ActionEvent e, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "INSERT INTO agent_action_events (action_id, at, kind, actor, detail) VALUES (@id, @at, @kind, @actor, @detail)");
        cmd.AddParameter("@id", actionId);
        cmd.AddParameter("@at", UnixMs.From(e.At));
        cmd.AddParameter("@kind", e.Kind);
        cmd.AddParameter("@actor", e.Actor);
        cmd.AddParameter("@detail", e.Detail);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The request, its row locked until the transaction ends (PostgreSQL; SQLite writes are serialized anyway).</summary>
    public async Task<AgentAction?> LockAsync(DbConnection conn, DbTransaction tx, string id, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM agent_actions WHERE id = @id{LockRow}");
        cmd.AddParameter("@id", id);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>The host's requests to hand over (pending, or delivered but never acknowledged) that have not expired, oldest first, locked for delivery.</summary>
    public async Task<IReadOnlyList<AgentAction>> LockPendingAsync(DbConnection conn, DbTransaction tx, string host, DateTimeOffset now, CancellationToken ct)
    {
        var skip = db.Engine == DatabaseEngine.Postgres ? " SKIP LOCKED" : "";
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM agent_actions WHERE host = @host AND {Deliverable} AND expires_at >= @now ORDER BY requested_at{LockRow}{skip}");
        cmd.AddParameter("@host", host);
        cmd.AddParameter("@now", UnixMs.From(now));
        cmd.AddParameter("@redeliver", UnixMs.From(now - ActionRules.RedeliverAfter));
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Whether the host has a request to hand over (a cheap read before a long-poll takes the write path).</summary>
    public async Task<bool> AnyPendingAsync(string host, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT 1 FROM agent_actions WHERE host = @host AND {Deliverable} LIMIT 1");
        cmd.AddParameter("@host", host);
        cmd.AddParameter("@redeliver", UnixMs.From(now - ActionRules.RedeliverAfter));
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
    }

    public async Task<AgentAction?> GetAsync(string id, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM agent_actions WHERE id = @id", ("@id", id), ct).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>A host's requests, newest first.</summary>
    public async Task<IReadOnlyList<AgentAction>> ListAsync(string host, int limit, CancellationToken ct) =>
        await QueryAsync($"SELECT {Columns} FROM agent_actions WHERE host = @host ORDER BY requested_at DESC, id DESC LIMIT {limit}", ("@host", host), ct).ConfigureAwait(false);

    /// <summary>Every request still open (pending, delivered, running): what the monitor watches.</summary>
    public async Task<IReadOnlyList<AgentAction>> OpenAsync(CancellationToken ct) =>
        await QueryAsync($"SELECT {Columns} FROM agent_actions WHERE state IN ('pending', 'delivered', 'running')", null, ct).ConfigureAwait(false);

    /// <summary>The host's running reboot actions: the ones a new boot id completes.</summary>
    public async Task<IReadOnlyList<AgentAction>> RunningRebootsAsync(string host, CancellationToken ct) =>
        await QueryAsync($"SELECT {Columns} FROM agent_actions WHERE host = @host AND state = 'running' AND awaits_boot = 1", ("@host", host), ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<ActionEvent>> EventsAsync(string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT at, kind, actor, detail FROM agent_action_events WHERE action_id = @id ORDER BY id");
        cmd.AddParameter("@id", id);
        var events = new List<ActionEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            events.Add(new ActionEvent(UnixMs.ToInstant(r.GetInt64(0)), r.GetString(1), r.GetString(2), r.GetString(3)));
        }
        return events;
    }

    private async Task<IReadOnlyList<AgentAction>> QueryAsync(string sql, (string Name, string Value)? parameter, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, sql);
        if (parameter is { } p)
        {
            cmd.AddParameter(p.Name, p.Value);
        }
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    private static void AddMutable(DbCommand cmd, AgentAction a)
    {
        cmd.AddParameter("@id", a.Id);
        cmd.AddParameter("@state", a.State.Name());
        cmd.AddParameter("@delivered", UnixMs.From(a.DeliveredAt));
        cmd.AddParameter("@started", UnixMs.From(a.StartedAt));
        cmd.AddParameter("@finished", UnixMs.From(a.FinishedAt));
        cmd.AddParameter("@exit", a.ExitCode is { } e ? (long)e : null);
        cmd.AddParameter("@output", a.Output);
        cmd.AddParameter("@refusal", a.Refusal);
        cmd.AddParameter("@detail", a.Detail);
        cmd.AddParameter("@newBoot", a.NewBootId);
        cmd.AddParameter("@received", UnixMs.From(a.ReceivedAt));
    }

    private static async Task<IReadOnlyList<AgentAction>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<AgentAction>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new AgentAction(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), ActionStates.Parse(r.GetString(5)),
                r.GetString(6), UnixMs.ToInstant(r.GetInt64(7)), UnixMs.ToInstant(r.GetInt64(8)), r.GetInt64(9) != 0, r.GetNullableString(10), r.GetString(11))
            {
                DeliveredAt = Instant(r.GetNullableInt64(12)),
                StartedAt = Instant(r.GetNullableInt64(13)),
                FinishedAt = Instant(r.GetNullableInt64(14)),
                ExitCode = r.GetNullableInt64(15) is { } e ? (int)e : null,
                Output = r.GetNullableString(16),
                Refusal = r.GetNullableString(17),
                Detail = r.GetNullableString(18),
                NewBootId = r.GetNullableString(19),
                ReceivedAt = Instant(r.GetNullableInt64(20)),
            });
        }
        return list;
    }

    private static DateTimeOffset? Instant(long? ms) => ms is { } v ? UnixMs.ToInstant(v) : null;
}
