using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Plans.Runs;

/// <summary>
/// Plan runs (<c>plan_runs</c>: one row per run, its whole state as JSON) and their events (<c>plan_run_events</c>,
/// append-only: what the event stream and an incident's timeline read). A change is written only over the version it
/// was made from (conditional update + rows affected), with its events, in one transaction.
/// </summary>
public sealed class PlanRunStore(Database db)
{
    public Database Database => db;

    public async Task InsertAsync(RunChange created, CancellationToken ct, Func<DbConnection, DbTransaction, Task>? alongside = null) =>
        await db.WriteAsync(async (conn, tx) =>
        {
            var run = created.Next with { Version = 1 };
            await using var cmd = conn.Command(tx, """
                INSERT INTO plan_runs (id, plan_name, state, version, created_at, updated_at, body)
                VALUES (@id, @plan, @state, 1, @created, @updated, @body)
                """);
            cmd.AddParameter("@id", run.Id);
            cmd.AddParameter("@plan", run.Plan.Name);
            cmd.AddParameter("@state", run.State.Name());
            cmd.AddParameter("@created", UnixMs.From(run.CreatedAt));
            cmd.AddParameter("@updated", UnixMs.From(run.UpdatedAt));
            cmd.AddParameter("@body", PlanRunCodec.Write(run));
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (alongside is not null)
            {
                await alongside(conn, tx).ConfigureAwait(false);
            }
            await AppendAsync(conn, tx, created.Events, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);

    /// <summary>Stores <paramref name="change"/> if the run is still at the version it was made from; returns the stored run (version + 1), or null when another writer got there first.</summary>
    public async Task<(PlanRun Run, IReadOnlyList<RunEvent> Events)?> TryUpdateAsync(RunChange change, long fromVersion, CancellationToken ct,
        Func<DbConnection, DbTransaction, Task>? alongside = null) =>
        await db.WriteAsync<(PlanRun, IReadOnlyList<RunEvent>)?>(async (conn, tx) =>
        {
            var run = change.Next with { Version = fromVersion + 1 };
            await using var cmd = conn.Command(tx, """
                UPDATE plan_runs SET state = @state, version = @next, updated_at = @updated, body = @body WHERE id = @id AND version = @version
                """);
            cmd.AddParameter("@id", run.Id);
            cmd.AddParameter("@state", run.State.Name());
            cmd.AddParameter("@next", run.Version);
            cmd.AddParameter("@version", fromVersion);
            cmd.AddParameter("@updated", UnixMs.From(run.UpdatedAt));
            cmd.AddParameter("@body", PlanRunCodec.Write(run));
            if (await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) != 1)
            {
                return null;
            }
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
        (await QueryAsync("SELECT body, version FROM plan_runs WHERE id = @id", "@id", id, ct).ConfigureAwait(false)).FirstOrDefault();

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
        QueryAsync($"SELECT body, version FROM plan_runs ORDER BY created_at DESC, id DESC LIMIT {limit}", null, null, ct);

    /// <summary>Runs not finished (running, paused, halted): what the runner resumes after a restart.</summary>
    public Task<IReadOnlyList<PlanRun>> OpenAsync(CancellationToken ct) =>
        QueryAsync("SELECT body, version FROM plan_runs WHERE state IN ('running', 'paused', 'halted') ORDER BY created_at", null, null, ct);

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

    private static async Task<IReadOnlyList<RunEvent>> AppendAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<RunEvent> events, CancellationToken ct)
    {
        var stored = new List<RunEvent>(events.Count);
        foreach (var e in events)
        {
            await using var cmd = conn.Command(tx, "INSERT INTO plan_run_events (run_id, at, kind, host, step, detail) VALUES (@run, @at, @kind, @host, @step, @detail) RETURNING seq");
            cmd.AddParameter("@run", e.RunId);
            cmd.AddParameter("@at", UnixMs.From(e.At));
            cmd.AddParameter("@kind", e.Kind);
            cmd.AddParameter("@host", e.Host);
            cmd.AddParameter("@step", e.Step is { } s ? (long)s : null);
            cmd.AddParameter("@detail", e.Detail);
            stored.Add(e with { Seq = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) });
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
        var list = new List<PlanRun>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(PlanRunCodec.Read(r.GetString(0)) with { Version = r.GetInt64(1) });
        }
        return list;
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
