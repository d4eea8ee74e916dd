using System.Data.Common;
using Vigil.Server.Storage;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Window events (table <c>maintenance_events</c>). A kind is recorded once per occurrence: the insert that
/// wins (rows affected = 1) is the one that acts, so several server nodes never warn or re-raise twice.
/// </summary>
public sealed class WindowEventStore(Database db)
{
    /// <summary>Records the event unless this occurrence already has one of this kind; true when this call added it.</summary>
    public async Task<bool> TryAddAsync(DbConnection conn, DbTransaction tx, string windowId, DateTimeOffset occurrenceStart, string kind,
        DateTimeOffset at, string? detail, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "INSERT INTO maintenance_events (window_id, occurrence_start, kind, at, detail) " +
            "VALUES (@window, @occurrence, @kind, @at, @detail) ON CONFLICT DO NOTHING");
        cmd.AddParameter("@window", windowId);
        cmd.AddParameter("@occurrence", UnixMs.From(occurrenceStart));
        cmd.AddParameter("@kind", kind);
        cmd.AddParameter("@at", UnixMs.From(at));
        cmd.AddParameter("@detail", detail);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>As the other overload, in its own transaction.</summary>
    public Task<bool> TryAddAsync(string windowId, DateTimeOffset occurrenceStart, string kind, DateTimeOffset at, string? detail, CancellationToken ct) =>
        db.WriteAsync((conn, tx) => TryAddAsync(conn, tx, windowId, occurrenceStart, kind, at, detail, ct), ct);

    /// <summary>A window's events, oldest first.</summary>
    public async Task<IReadOnlyList<WindowEvent>> ListAsync(string windowId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT id, window_id, occurrence_start, kind, at, detail FROM maintenance_events WHERE window_id = @window ORDER BY id");
        cmd.AddParameter("@window", windowId);
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Every event of <paramref name="kind"/>, oldest first (retention keeps this short).</summary>
    public async Task<IReadOnlyList<WindowEvent>> ListKindAsync(string kind, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT id, window_id, occurrence_start, kind, at, detail FROM maintenance_events WHERE kind = @kind ORDER BY id");
        cmd.AddParameter("@kind", kind);
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Occurrences that started and have not been closed yet: (window id, occurrence start).</summary>
    public async Task<IReadOnlyList<(string WindowId, DateTimeOffset OccurrenceStart)>> ListOpenAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT s.window_id, s.occurrence_start FROM maintenance_events s WHERE s.kind = @started " +
            "AND NOT EXISTS (SELECT 1 FROM maintenance_events e WHERE e.window_id = s.window_id AND e.occurrence_start = s.occurrence_start AND e.kind = @ended) " +
            "ORDER BY s.id");
        cmd.AddParameter("@started", WindowEventKinds.Started);
        cmd.AddParameter("@ended", WindowEventKinds.Ended);
        var open = new List<(string, DateTimeOffset)>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            open.Add((r.GetString(0), UnixMs.ToInstant(r.GetInt64(1))));
        }
        return open;
    }

    private static async Task<List<WindowEvent>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var events = new List<WindowEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            events.Add(new WindowEvent(Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), r.GetString(1),
                UnixMs.ToInstant(r.GetInt64(2)), r.GetString(3), UnixMs.ToInstant(r.GetInt64(4)), r.GetNullableString(5)));
        }
        return events;
    }
}
