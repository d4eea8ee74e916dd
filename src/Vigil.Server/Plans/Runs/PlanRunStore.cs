using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Plan runs (<c>plan_runs</c>: one row per run, its state without its hosts as JSON; <c>plan_run_hosts</c>: one row
/// per host of a run, its progress as JSON) and their events (<c>plan_run_events</c>, append-only: what the event
/// stream and an incident's timeline read). A change is written only over the version it was made from (conditional
/// update + rows affected), with its events, in one transaction, and rewrites only the hosts it changed: a step
/// starting on one host of 500 writes that host's row, not a 1 MB document (the 500-host benchmark's main cost).
/// Runs stored before the hosts had rows (<c>hosts_in_rows = 0</c>) keep their hosts in the body until their next change.
/// </summary>
public sealed class PlanRunStore(Database db)
{
    public Database Database => db;

    public async Task InsertAsync(RunChange created, CancellationToken ct, Func<DbConnection, DbTransaction, Task>? alongside = null) =>
        await db.WriteAsync(async (conn, tx) =>
        {
            var run = created.Next with { Version = 1 };
            await using var cmd = conn.Command(tx, """
                INSERT INTO plan_runs (id, plan_name, state, version, created_at, updated_at, body, hosts_in_rows)
                VALUES (@id, @plan, @state, 1, @created, @updated, @body, 1)
                """);
            cmd.AddParameter("@id", run.Id);
            cmd.AddParameter("@plan", run.Plan.Name);
            cmd.AddParameter("@state", run.State.Name());
            cmd.AddParameter("@created", UnixMs.From(run.CreatedAt));
            cmd.AddParameter("@updated", UnixMs.From(run.UpdatedAt));
            cmd.AddParameter("@body", PlanRunCodec.WriteWithoutHosts(run));
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await WriteHostsAsync(conn, tx, run, null, ct).ConfigureAwait(false);
            if (alongside is not null)
            {
                await alongside(conn, tx).ConfigureAwait(false);
            }
            await AppendAsync(conn, tx, created.Events, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);

    /// <summary>
    /// Stores <paramref name="change"/> if the run is still at the version of <paramref name="from"/>, the stored run the
    /// change was made from; returns the stored run (version + 1), or null when another writer got there first. Hosts
    /// the change left as they were in <paramref name="from"/> (the same value) are not written again.
    /// </summary>
    public async Task<(PlanRun Run, IReadOnlyList<RunEvent> Events)?> TryUpdateAsync(RunChange change, PlanRun from, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task>? alongside = null) =>
        await db.WriteAsync<(PlanRun, IReadOnlyList<RunEvent>)?>(async (conn, tx) =>
        {
            var fromVersion = from.Version;
            var run = change.Next with { Version = fromVersion + 1 };
            var inRows = await HostsInRowsAsync(conn, tx, run.Id, ct).ConfigureAwait(false);
            await using var cmd = conn.Command(tx, """
                UPDATE plan_runs SET state = @state, version = @next, updated_at = @updated, body = @body, hosts_in_rows = 1 WHERE id = @id AND version = @version
                """);
            cmd.AddParameter("@id", run.Id);
            cmd.AddParameter("@state", run.State.Name());
            cmd.AddParameter("@next", run.Version);
            cmd.AddParameter("@version", fromVersion);
            cmd.AddParameter("@updated", UnixMs.From(run.UpdatedAt));
            cmd.AddParameter("@body", PlanRunCodec.WriteWithoutHosts(run));
            if (await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
            {
                return null;
            }
            await WriteHostsAsync(conn, tx, run, inRows ? from : null, ct).ConfigureAwait(false);
            if (alongside is not null)
            {
                await alongside(conn, tx).ConfigureAwait(false);
            }
            return (run, await AppendAsync(conn, tx, change.Events, ct).ConfigureAwait(false));
        }, ct).ConfigureAwait(false);

    /// <summary>Records events that change nothing in the run (a page sent, a window opened).</summary>
    public async Task<IReadOnlyList<RunEvent>> AddEventsAsync(IReadOnlyList<RunEvent> events, CancellationToken ct) =>
        await db.WriteAsync((conn, tx) => AppendAsync(conn, tx, events, ct), ct).ConfigureAwait(false);

    public async Task<PlanRun?> GetAsync(string id, CancellationToken ct) =>
        (await QueryAsync("SELECT body, version, hosts_in_rows, id FROM plan_runs WHERE id = @id", "@id", id, ct).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>The run's stored version (null when there is no such run): whether a copy held in memory is still the latest.</summary>
    public async Task<long?> VersionAsync(string id, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT version FROM plan_runs WHERE id = @id");
        cmd.AddParameter("@id", id);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is { } v and not DBNull
            ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>Runs newest first.</summary>
    public Task<IReadOnlyList<PlanRun>> ListAsync(int limit, CancellationToken ct) =>
        QueryAsync($"SELECT body, version, hosts_in_rows, id FROM plan_runs ORDER BY created_at DESC, id DESC LIMIT {limit}", null, null, ct);

    /// <summary>Runs not finished (running, paused, halted): what the runner resumes after a restart.</summary>
    public Task<IReadOnlyList<PlanRun>> OpenAsync(CancellationToken ct) =>
        QueryAsync("SELECT body, version, hosts_in_rows, id FROM plan_runs WHERE state IN ('running', 'paused', 'halted') ORDER BY created_at", null, null, ct);

    /// <summary>A run's events after <paramref name="afterSeq"/>, oldest first.</summary>
    public Task<IReadOnlyList<RunEvent>> EventsAsync(string runId, long afterSeq, CancellationToken ct) =>
        EventQueryAsync("SELECT seq, run_id, at, kind, host, step, detail FROM plan_run_events WHERE run_id = @p AND seq > @after ORDER BY seq",
            runId, afterSeq, null, null, ct);

    /// <summary>
    /// Every run's step starts, outcomes, halts and state changes between two instants, oldest first: what an incident's
    /// timeline reads for the time it covers.
    /// </summary>
    public Task<IReadOnlyList<RunEvent>> TimelineAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        EventQueryAsync("SELECT seq, run_id, at, kind, host, step, detail FROM plan_run_events WHERE at >= @from AND at < @to ORDER BY at, seq",
            null, 0, from, to, ct);

    private const string InsertEvent = "INSERT INTO plan_run_events (run_id, at, kind, host, step, detail) VALUES ({0}, {1}, {2}, {3}, {4}, {5})";

    /// <summary>
    /// Stores <paramref name="events"/> in their order, each with the sequence number it got, through one prepared
    /// statement (<see cref="RowStatement.PrepareInsert"/>; on SQLite the number is the row's id): a batch's step start
    /// or end is ~50 events, and a command per event prepared anew was 1.5–3.5 ms of the write (the 500-host benchmark).
    /// </summary>
    private static async Task<IReadOnlyList<RunEvent>> AppendAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<RunEvent> events, CancellationToken ct)
    {
        var stored = new List<RunEvent>(events.Count);
        if (events.Count == 0)
        {
            return stored;
        }
        await using var insert = RowStatement.PrepareInsert(conn, tx, InsertEvent, "seq");
        foreach (var e in events)
        {
            insert.Add(e.RunId).Add(UnixMs.From(e.At)).Add(e.Kind).Add(e.Host).Add(e.Step is { } s ? (long)s : null).Add(e.Detail);
            stored.Add(e with { Seq = await insert.ExecuteReturningAsync(ct).ConfigureAwait(false) });
        }
        return stored;
    }

    private async Task<IReadOnlyList<PlanRun>> QueryAsync(string sql, string? name, string? value, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, sql);
        if (name is not null)
        {
            cmd.AddParameter(name, value);
        }
        var rows = new List<(PlanRun Run, bool InRows)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add((PlanRunCodec.Read(r.GetString(0)) with { Version = r.GetInt64(1) }, r.GetInt64(2) == 1));
            }
        }
        var list = new List<PlanRun>(rows.Count);
        foreach (var (run, inRows) in rows)
        {
            list.Add(inRows ? run with { Hosts = await HostsAsync(conn, run.Id, ct).ConfigureAwait(false) } : run);
        }
        return list;
    }

    private static async Task<IReadOnlyList<HostRun>> HostsAsync(DbConnection conn, string runId, CancellationToken ct)
    {
        await using var cmd = conn.Command(null, "SELECT body FROM plan_run_hosts WHERE run_id = @run ORDER BY position");
        cmd.AddParameter("@run", runId);
        var hosts = new List<HostRun>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            hosts.Add(PlanRunCodec.ReadHost(r.GetString(0)));
        }
        return HostPositions.WithPositions(hosts);
    }

    private static async Task<bool> HostsInRowsAsync(DbConnection conn, DbTransaction tx, string runId, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "SELECT hosts_in_rows FROM plan_runs WHERE id = @id");
        cmd.AddParameter("@id", runId);
        return await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is { } v and not DBNull
            && Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    // Rows per INSERT: a new run of 500 hosts is 5 statements, not 500 (4 parameters a row, far below either engine's limit).
    private const int HostRowsPerStatement = 100;

    /// <summary>Writes the rows of the hosts that differ from <paramref name="from"/> (every host when it is null).</summary>
    private async Task WriteHostsAsync(DbConnection conn, DbTransaction tx, PlanRun run, PlanRun? from, CancellationToken ct)
    {
        // On SQLite a row's JSON is bound as its UTF-8 bytes and stored as text by the statement: made as a string, and
        // that string encoded again to bind it, each changed host's row was 11 % of what the server allocated during a
        // 500-host run (docs/benchmarks.md, "Session 58"). PostgreSQL takes the text.
        var utf8 = db.Engine == DatabaseEngine.Sqlite;
        var changed = new List<int>();
        for (var i = 0; i < run.Hosts.Count; i++)
        {
            // Rules return the hosts they did not change as the same instances (records are values: Equals would
            // compare every result of the host, which is the work this avoids).
            if (from is null || i >= from.Hosts.Count || !ReferenceEquals(from.Hosts[i], run.Hosts[i]))
            {
                changed.Add(i);
            }
        }
        foreach (var chunk in changed.Chunk(HostRowsPerStatement))
        {
            var values = string.Join(", ", chunk.Select((_, k) => utf8 ? $"(@run, @p{k}, @h{k}, CAST(@b{k} AS TEXT))" : $"(@run, @p{k}, @h{k}, @b{k})"));
            await using var cmd = conn.Command(tx, $"""
                INSERT INTO plan_run_hosts (run_id, position, host, body) VALUES {values}
                ON CONFLICT (run_id, position) DO UPDATE SET host = excluded.host, body = excluded.body
                """);
            cmd.AddParameter("@run", run.Id);
            for (var k = 0; k < chunk.Length; k++)
            {
                var host = run.Hosts[chunk[k]];
                cmd.AddParameter($"@p{k}", (long)chunk[k]);
                cmd.AddParameter($"@h{k}", host.Host);
                cmd.AddParameter($"@b{k}", utf8 ? PlanRunCodec.WriteHostUtf8(host) : PlanRunCodec.WriteHost(host));
            }
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<RunEvent>> EventQueryAsync(string sql, string? runId, long after, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, sql);
        if (runId is not null)
        {
            cmd.AddParameter("@p", runId);
            cmd.AddParameter("@after", after);
        }
        else
        {
            cmd.AddParameter("@from", UnixMs.From(from!.Value));
            cmd.AddParameter("@to", UnixMs.From(to!.Value));
        }
        var list = new List<RunEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new RunEvent(r.GetInt64(0), r.GetString(1), UnixMs.ToInstant(r.GetInt64(2)), r.GetString(3), r.GetNullableString(4),
                r.GetNullableInt64(5) is { } s ? (int)s : null, r.GetString(6)));
        }
        return list;
    }
}
