using System.Data.Common;
using NodaTime;
using Vigil.Server.Storage;

namespace Vigil.Server.Oncall;

/// <summary>Overrides made through the API (table <c>schedule_overrides</c>). Writes take the caller's transaction,
/// so the change and its audit record commit together.</summary>
public sealed class OverrideStore(Database db)
{
    private const string Columns = "id, schedule, person, start_at, end_at, created_at, created_by, note";

    public async Task InsertAsync(DbConnection conn, DbTransaction tx, ScheduleOverride o, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, $"INSERT INTO schedule_overrides ({Columns}) VALUES (@id, @schedule, @person, @start, @end, @created, @by, @note)");
        cmd.AddParameter("@id", o.Id);
        cmd.AddParameter("@schedule", o.Schedule);
        cmd.AddParameter("@person", o.Person);
        cmd.AddParameter("@start", o.From.ToUnixTimeMilliseconds());
        cmd.AddParameter("@end", o.To.ToUnixTimeMilliseconds());
        cmd.AddParameter("@created", o.CreatedAt.ToUnixTimeMilliseconds());
        cmd.AddParameter("@by", o.CreatedBy);
        cmd.AddParameter("@note", o.Note);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Deletes the override and returns it; null when there is none with that id in that schedule.</summary>
    public async Task<ScheduleOverride?> DeleteAsync(DbConnection conn, DbTransaction tx, string schedule, string id, CancellationToken ct)
    {
        await using var select = conn.Command(tx, $"SELECT {Columns} FROM schedule_overrides WHERE id = @id AND schedule = @schedule");
        select.AddParameter("@id", id);
        select.AddParameter("@schedule", schedule);
        var found = await ReadAsync(select, ct).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }
        await using var delete = conn.Command(tx, "DELETE FROM schedule_overrides WHERE id = @id");
        delete.AddParameter("@id", id);
        await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return found[0];
    }

    public async Task<IReadOnlyList<ScheduleOverride>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM schedule_overrides ORDER BY created_at, id");
        return await ReadAsync(cmd, ct).ConfigureAwait(false);
    }

    private static async Task<List<ScheduleOverride>> ReadAsync(DbCommand cmd, CancellationToken ct)
    {
        var result = new List<ScheduleOverride>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            if (!InRange(r.GetInt64(3)) || !InRange(r.GetInt64(4)) || !InRange(r.GetInt64(5)))
            {
                continue; // a damaged row (an instant no calendar holds) must not keep every other override from loading
            }
            result.Add(new ScheduleOverride(
                r.GetString(0),
                r.GetString(1),
                r.GetString(2),
                Instant.FromUnixTimeMilliseconds(r.GetInt64(3)),
                Instant.FromUnixTimeMilliseconds(r.GetInt64(4)),
                ScheduleOverride.FromApi,
                r.GetString(6),
                Instant.FromUnixTimeMilliseconds(r.GetInt64(5)),
                r.GetString(7)));
        }
        return result;
    }

    private static bool InRange(long unixMs) =>
        unixMs >= Instant.MinValue.ToUnixTimeMilliseconds() && unixMs <= Instant.MaxValue.ToUnixTimeMilliseconds();
}
