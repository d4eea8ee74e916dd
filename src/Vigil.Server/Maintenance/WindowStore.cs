using System.Data.Common;
using System.Text.Json;
using Vigil.Server.Labels;
using Vigil.Server.Storage;

namespace Vigil.Server.Maintenance;

/// <summary>
/// Windows made through the API (table <c>maintenance_windows</c>). Writes take the caller's transaction, so
/// the change and its audit record commit together.
/// </summary>
public sealed class WindowStore(Database db)
{
    private const string Columns = "id, targets, expected, start_at, end_at, cron, duration_ms, time_zone, watcher, backup, " +
        "announcement, created_at, updated_at, ended_at, done_at, schedule";

    public async Task InsertAsync(DbConnection conn, DbTransaction tx, MaintenanceWindow w, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"INSERT INTO maintenance_windows ({Columns}) VALUES " +
            "(@id, @targets, @expected, @start, @end, @cron, @duration, @zone, @watcher, @backup, @announcement, @created, @updated, @ended, @done, @schedule)");
        Bind(cmd, w);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the stored window with the same id; false when there is none.</summary>
    public async Task<bool> UpdateAsync(DbConnection conn, DbTransaction tx, MaintenanceWindow w, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, "UPDATE maintenance_windows SET targets = @targets, expected = @expected, start_at = @start, " +
            "end_at = @end, cron = @cron, duration_ms = @duration, time_zone = @zone, watcher = @watcher, backup = @backup, " +
            "announcement = @announcement, created_at = @created, updated_at = @updated, ended_at = @ended, done_at = @done, schedule = @schedule WHERE id = @id");
        Bind(cmd, w);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>The window inside a write transaction (locked on PostgreSQL; SQLite's writer lock is already held).</summary>
    public async Task<MaintenanceWindow?> GetForUpdateAsync(DbConnection conn, DbTransaction tx, string id, CancellationToken ct)
    {
        var lockRow = db.Engine == DatabaseEngine.Postgres ? " FOR UPDATE" : "";
        await using var cmd = conn.Command(tx, $"SELECT {Columns} FROM maintenance_windows WHERE id = @id{lockRow}");
        cmd.AddParameter("@id", id);
        var found = await ReadAsync(cmd, ct).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<MaintenanceWindow>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM maintenance_windows ORDER BY start_at, id");
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Removes windows whose last end (early or planned) is before <paramref name="cutoff"/>, and their events. Returns how many windows went.</summary>
    public Task<int> DeleteEndedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var windows = conn.Command(tx, "DELETE FROM maintenance_windows WHERE COALESCE(ended_at, end_at) < @cutoff");
            windows.AddParameter("@cutoff", UnixMs.From(cutoff));
            var removed = await windows.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            // Events of removed windows (and of config windows long gone) once they are older than the cutoff.
            await using var events = conn.Command(tx, "DELETE FROM maintenance_events WHERE at < @cutoff " +
                "AND window_id NOT IN (SELECT id FROM maintenance_windows)");
            events.AddParameter("@cutoff", UnixMs.From(cutoff));
            await events.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return removed;
        }, ct);

    private static void Bind(DbCommand cmd, MaintenanceWindow w)
    {
        cmd.AddParameter("@id", w.Id);
        cmd.AddParameter("@targets", Selectors(w.Targets));
        cmd.AddParameter("@expected", Selectors(w.Expected));
        cmd.AddParameter("@start", UnixMs.From(w.Start));
        cmd.AddParameter("@end", UnixMs.From(w.End));
        cmd.AddParameter("@cron", w.Cron);
        cmd.AddParameter("@duration", w.Duration is { } d ? (long)d.TotalMilliseconds : null);
        cmd.AddParameter("@zone", w.TimeZone);
        cmd.AddParameter("@watcher", w.Watcher);
        cmd.AddParameter("@backup", w.Backup);
        cmd.AddParameter("@announcement", w.Announcement);
        cmd.AddParameter("@created", UnixMs.From(w.CreatedAt));
        cmd.AddParameter("@updated", UnixMs.From(w.UpdatedAt));
        cmd.AddParameter("@ended", UnixMs.From(w.EndedAt));
        cmd.AddParameter("@done", UnixMs.From(w.DoneAt));
        cmd.AddParameter("@schedule", w.Schedule);
    }

    private static string Selectors(IReadOnlyList<IReadOnlyList<Matcher>> selectors) =>
        JsonSerializer.Serialize(selectors.Select(s => Matcher.ListToString(s)).ToArray());

    private static IReadOnlyList<IReadOnlyList<Matcher>> ParseSelectors(string json) => StoredSelectors.Parse(json);

    // A row that cannot be read whole (damaged, or from an older version) becomes a window with what could be read and
    // the reason in Error, as does one outside WindowLimits: it is listed with its error instead of breaking the list.
    private static async Task<List<MaintenanceWindow>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var result = new List<MaintenanceWindow>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var problems = new List<string>();
            T Field<T>(string name, Func<T> read, T fallback)
            {
                try
                {
                    return read();
                }
                catch (Exception e) when (e is OverflowException or ArgumentException or FormatException or InvalidCastException or JsonException)
                {
                    problems.Add($"{name}: {e.Message}");
                    return fallback;
                }
            }
            DateTimeOffset? At(string name, int i) => Field(name, () => r.GetNullableInt64(i) is { } ms ? UnixMs.ToInstant(ms) : (DateTimeOffset?)null, null);
            var window = new MaintenanceWindow
            {
                Id = r.GetString(0),
                Targets = Field("targets", () => ParseSelectors(r.GetString(1)), []),
                Expected = Field("expected", () => ParseSelectors(r.GetString(2)), []),
                Start = At("start", 3) ?? DateTimeOffset.UnixEpoch,
                End = At("end", 4),
                Cron = r.GetNullableString(5),
                Duration = Field("duration", () => r.GetNullableInt64(6) is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null, null),
                TimeZone = r.GetNullableString(7),
                Watcher = r.GetString(8),
                Backup = r.GetString(9),
                Announcement = r.GetString(10),
                CreatedAt = At("createdAt", 11) ?? DateTimeOffset.UnixEpoch,
                UpdatedAt = At("updatedAt", 12) ?? DateTimeOffset.UnixEpoch,
                EndedAt = At("endedAt", 13),
                DoneAt = At("doneAt", 14),
                Schedule = r.GetNullableString(15),
            };
            var error = problems.Count > 0 ? "the stored window cannot be read: " + string.Join("; ", problems) : WindowLimits.Check(window);
            result.Add(error is null ? window : window with { Error = error });
        }
        return result;
    }
}
