using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Escalation;

/// <summary>
/// Pages and their history (tables <c>pages</c>, <c>page_events</c>, <c>page_links_used</c>). Every change is a
/// conditional UPDATE whose rows-affected count says whether this caller won, so nodes and restarts never run a step twice.
/// </summary>
public sealed class PageStore(Database db)
{
    private const string Columns = "id, page_key, group_key, receiver, policy, team, dedup_key, title, details, state, level, round, step, " +
        "rotation, next_step_at, created_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by";

    public Database Database => db;

    /// <summary>Inserts an open page at its first step; null when a page with the same key is already open. <paramref name="keyGroup"/>:
    /// the PagerDuty key group its alerts came in through, if any.</summary>
    public async Task<long?> TryOpenAsync(DbConnection conn, DbTransaction tx, Page page, string? keyGroup, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            "INSERT INTO pages (page_key, open_key, group_key, receiver, policy, team, dedup_key, title, details, state, level, round, step, rotation, " +
            "next_step_at, created_at, pagerduty_key_group) VALUES (@key, @key, @group, @receiver, @policy, @team, @dedup, @title, @details, @state, @level, " +
            "@round, @step, @rotation, @next, @created, @keyGroup) ON CONFLICT (open_key) DO NOTHING RETURNING id");
        cmd.AddParameter("@keyGroup", keyGroup);
        cmd.AddParameter("@key", page.PageKey);
        cmd.AddParameter("@group", page.GroupKey);
        cmd.AddParameter("@receiver", page.Receiver);
        cmd.AddParameter("@policy", page.Policy);
        cmd.AddParameter("@team", page.Team);
        cmd.AddParameter("@dedup", page.DedupKey);
        cmd.AddParameter("@title", page.Title);
        cmd.AddParameter("@details", page.Details);
        BindPosition(cmd, page.State, page.Level, page.Round, page.Step, page.Rotation, page.NextStepAt);
        cmd.AddParameter("@created", UnixMs.From(page.CreatedAt));
        var id = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Moves a page from the step it was read at to <paramref name="step"/>; false when someone else moved it first.</summary>
    public async Task<bool> TryStepAsync(DbConnection conn, DbTransaction tx, Page page, PageStep step, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            "UPDATE pages SET state = @state, level = @level, round = @round, step = @step, rotation = @rotation, next_step_at = @next " +
            "WHERE id = @id AND step = @from AND state <> 'resolved'");
        BindPosition(cmd, step.State, step.Level, step.Round, step.Step, step.Rotation, step.NextStepAt);
        cmd.AddParameter("@id", page.Id);
        cmd.AddParameter("@from", page.Step);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// <see cref="TryStepAsync"/> for many pages in the caller's transaction, with one prepared statement: per move, true
    /// when this caller moved the page.
    /// </summary>
    public async Task<bool[]> TryStepManyAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<(Page Page, PageStep Step)> moves, CancellationToken ct)
    {
        var won = new bool[moves.Count];
        await using var update = RowStatement.Prepare(conn, tx,
            "UPDATE pages SET state = {0}, level = {1}, round = {2}, step = {3}, rotation = {4}, next_step_at = {5} " +
            "WHERE id = {6} AND step = {7} AND state <> 'resolved'");
        for (var i = 0; i < moves.Count; i++)
        {
            var (page, step) = moves[i];
            update.Add(StateName(step.State)).Add(step.Level).Add(step.Round).Add(step.Step).Add(step.Rotation)
                .Add(UnixMs.From(step.NextStepAt)).Add(page.Id).Add(page.Step);
            won[i] = await update.ExecuteAsync(ct).ConfigureAwait(false) == 1;
        }
        return won;
    }

    /// <summary>
    /// Puts off a page's due step to <paramref name="retryAt"/> after running it failed, unless the page moved meanwhile;
    /// the engine's next passes leave it alone until then.
    /// </summary>
    public Task DeferAsync(Page page, DateTimeOffset retryAt, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "UPDATE pages SET next_step_at = @next WHERE id = @id AND step = @step AND state <> 'resolved'");
            cmd.AddParameter("@next", UnixMs.From(retryAt));
            cmd.AddParameter("@id", page.Id);
            cmd.AddParameter("@step", page.Step);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct);

    /// <summary>Acknowledges a triggered page (the first acknowledgement's time and actor are kept); false when it was not triggered.</summary>
    public async Task<bool> TryAcknowledgeAsync(DbConnection conn, DbTransaction tx, long id, string by, DateTimeOffset at, DateTimeOffset? next, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            "UPDATE pages SET state = 'acknowledged', step = step + 1, next_step_at = @next, acknowledged_at = COALESCE(acknowledged_at, @at), " +
            "acknowledged_by = COALESCE(acknowledged_by, @by) WHERE id = @id AND state = 'triggered'");
        cmd.AddParameter("@next", UnixMs.From(next));
        cmd.AddParameter("@at", UnixMs.From(at));
        cmd.AddParameter("@by", by);
        cmd.AddParameter("@id", id);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Resolves an open page and frees its key for a new one; false when it was already resolved.</summary>
    public async Task<bool> TryResolveAsync(DbConnection conn, DbTransaction tx, long id, string by, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx,
            "UPDATE pages SET state = 'resolved', open_key = NULL, step = step + 1, next_step_at = NULL, resolved_at = @at, resolved_by = @by " +
            "WHERE id = @id AND state <> 'resolved'");
        cmd.AddParameter("@at", UnixMs.From(at));
        cmd.AddParameter("@by", by);
        cmd.AddParameter("@id", id);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Marks a link's nonce used; false when it had been used already.</summary>
    public async Task<bool> TryUseLinkAsync(DbConnection conn, DbTransaction tx, string nonce, long pageId, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "INSERT INTO page_links_used (nonce, page_id, used_at) VALUES (@nonce, @page, @at) ON CONFLICT (nonce) DO NOTHING");
        cmd.AddParameter("@nonce", nonce);
        cmd.AddParameter("@page", pageId);
        cmd.AddParameter("@at", UnixMs.From(at));
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Appends <paramref name="events"/> in their order (<see cref="RowInserts"/>).</summary>
    public Task AppendEventsAsync(DbConnection conn, DbTransaction tx, IReadOnlyList<PageEvent> events, CancellationToken ct) =>
        RowInserts.RunAsync(conn, tx, "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES", "({0}, {1}, {2}, {3}, {4})", "",
            events, static (row, e) => row.Add(e.PageId).Add(UnixMs.From(e.At)).Add(e.Kind).Add(e.Actor).Add(e.Detail), ct);

    public async Task AppendEventAsync(DbConnection conn, DbTransaction tx, PageEvent e, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES (@page, @at, @kind, @actor, @detail)");
        cmd.AddParameter("@page", e.PageId);
        cmd.AddParameter("@at", UnixMs.From(e.At));
        cmd.AddParameter("@kind", e.Kind);
        cmd.AddParameter("@actor", e.Actor);
        cmd.AddParameter("@detail", e.Detail);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<Page?> GetAsync(DbConnection conn, DbTransaction? tx, long id, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM pages WHERE id = @id");
        cmd.AddParameter("@id", id);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    public Task<Page?> GetAsync(long id, CancellationToken ct) => ReadOnlyAsync(conn => GetAsync(conn, null, id, ct), ct);

    /// <summary>The open page with <paramref name="column"/> (<c>page_key</c> or <c>dedup_key</c>) equal to <paramref name="value"/>, or null.</summary>
    public Task<Page?> FindOpenAsync(string column, string value, CancellationToken ct) => ReadOnlyAsync(async conn =>
    {
        var where = column == "dedup_key" ? "dedup_key = @v AND state <> 'resolved'" : "open_key = @v";
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM pages WHERE {where} ORDER BY id DESC LIMIT 1");
        cmd.AddParameter("@v", value);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }, ct);

    /// <summary>The open page for <paramref name="dedupKey"/> whose alerts came in through PagerDuty key group <paramref name="keyGroup"/>, or null.</summary>
    public Task<Page?> FindOpenForKeyGroupAsync(string dedupKey, string keyGroup, CancellationToken ct) => ReadOnlyAsync(async conn =>
    {
        await using var cmd = conn.Command(null,
            $"SELECT {Columns} FROM pages WHERE dedup_key = @dedup AND pagerduty_key_group = @group AND state <> 'resolved' ORDER BY id DESC LIMIT 1");
        cmd.AddParameter("@dedup", dedupKey);
        cmd.AddParameter("@group", keyGroup);
        return (await ReadAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }, ct);

    /// <summary>Newest first, optionally only in <paramref name="state"/>.</summary>
    public Task<IReadOnlyList<Page>> ListAsync(PageState? state, int limit, CancellationToken ct) => ReadOnlyAsync<IReadOnlyList<Page>>(async conn =>
    {
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM pages" + (state is null ? "" : " WHERE state = @state") + " ORDER BY id DESC LIMIT @limit");
        if (state is { } s)
        {
            cmd.AddParameter("@state", StateName(s));
        }
        cmd.AddParameter("@limit", (long)limit);
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }, ct);

    /// <summary>Pages not resolved yet, newest first.</summary>
    public Task<IReadOnlyList<Page>> ListOpenAsync(int limit, CancellationToken ct) => ReadOnlyAsync<IReadOnlyList<Page>>(async conn =>
    {
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM pages WHERE state <> 'resolved' ORDER BY id DESC LIMIT @limit");
        cmd.AddParameter("@limit", (long)limit);
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }, ct);

    /// <summary>The "notified" events of these pages (who was told, on which channel, when), in one query.</summary>
    public Task<IReadOnlyList<PageEvent>> NotificationsAsync(IReadOnlyList<long> pageIds, CancellationToken ct) => ReadOnlyAsync<IReadOnlyList<PageEvent>>(async conn =>
    {
        var events = new List<PageEvent>();
        if (pageIds.Count == 0)
        {
            return events;
        }
        await using var cmd = conn.Command(null, "");
        var names = new string[pageIds.Count];
        for (var i = 0; i < pageIds.Count; i++)
        {
            names[i] = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cmd.AddParameter(names[i], pageIds[i]);
        }
        cmd.CommandText = $"SELECT page_id, at, kind, actor, detail FROM page_events WHERE kind = 'notified' AND page_id IN ({string.Join(", ", names)}) ORDER BY id";
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            events.Add(new PageEvent(r.GetInt64(0), UnixMs.ToInstant(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4)));
        }
        return events;
    }, ct);

    /// <summary>Open pages whose next step is due at <paramref name="now"/>, earliest first.</summary>
    public Task<IReadOnlyList<Page>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct) => ReadOnlyAsync<IReadOnlyList<Page>>(async conn =>
    {
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM pages WHERE next_step_at <= @now AND state <> 'resolved' ORDER BY next_step_at, id LIMIT @limit");
        cmd.AddParameter("@now", UnixMs.From(now));
        cmd.AddParameter("@limit", (long)limit);
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }, ct);

    /// <summary>The earliest <c>next_step_at</c> after <paramref name="after"/> (resolved and exhausted pages have none), or null.</summary>
    public Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset after, CancellationToken ct) => ReadOnlyAsync<DateTimeOffset?>(async conn =>
    {
        await using var cmd = conn.Command(null, "SELECT MIN(next_step_at) FROM pages WHERE next_step_at > @after");
        cmd.AddParameter("@after", UnixMs.From(after));
        var min = await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return min is null or DBNull ? null : UnixMs.ToInstant(Convert.ToInt64(min, System.Globalization.CultureInfo.InvariantCulture));
    }, ct);

    /// <summary>Acknowledged pages whose first acknowledgement fell in [from, to).</summary>
    public Task<IReadOnlyList<Page>> AcknowledgedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => ReadOnlyAsync<IReadOnlyList<Page>>(async conn =>
    {
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM pages WHERE acknowledged_at >= @from AND acknowledged_at < @to ORDER BY id");
        cmd.AddParameter("@from", UnixMs.From(from));
        cmd.AddParameter("@to", UnixMs.From(to));
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }, ct);

    /// <summary>A page's history, oldest first.</summary>
    public async Task<IReadOnlyList<PageEvent>> EventsAsync(DbConnection conn, DbTransaction? tx, long pageId, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "SELECT page_id, at, kind, actor, detail FROM page_events WHERE page_id = @page ORDER BY id");
        cmd.AddParameter("@page", pageId);
        var events = new List<PageEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            events.Add(new PageEvent(r.GetInt64(0), UnixMs.ToInstant(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4)));
        }
        return events;
    }

    public Task<IReadOnlyList<PageEvent>> EventsAsync(long pageId, CancellationToken ct) => ReadOnlyAsync(conn => EventsAsync(conn, null, pageId, ct), ct);

    internal static string StateName(PageState state) => state switch
    {
        PageState.Acknowledged => "acknowledged",
        PageState.Resolved => "resolved",
        _ => "triggered",
    };

    private static void BindPosition(DbCommand cmd, PageState state, int level, int round, long step, long rotation, DateTimeOffset? next)
    {
        cmd.AddParameter("@state", StateName(state));
        cmd.AddParameter("@level", (long)level);
        cmd.AddParameter("@round", (long)round);
        cmd.AddParameter("@step", step);
        cmd.AddParameter("@rotation", rotation);
        cmd.AddParameter("@next", UnixMs.From(next));
    }

    private async Task<T> ReadOnlyAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await read(conn).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<Page>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var pages = new List<Page>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            pages.Add(new Page(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetNullableString(6),
                r.GetString(7), r.GetString(8),
                r.GetString(9) switch { "acknowledged" => PageState.Acknowledged, "resolved" => PageState.Resolved, _ => PageState.Triggered },
                (int)r.GetInt64(10), (int)r.GetInt64(11), r.GetInt64(12), r.GetInt64(13),
                r.GetNullableInt64(14) is { } next ? UnixMs.ToInstant(next) : null, UnixMs.ToInstant(r.GetInt64(15)),
                r.GetNullableInt64(16) is { } ack ? UnixMs.ToInstant(ack) : null, r.GetNullableString(17),
                r.GetNullableInt64(18) is { } res ? UnixMs.ToInstant(res) : null, r.GetNullableString(19)));
        }
        return pages;
    }
}
