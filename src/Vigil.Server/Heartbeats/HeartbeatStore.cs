using System.Data.Common;
using System.Text.Json;
using Vigil.Server.Labels;
using Vigil.Server.Storage;

namespace Vigil.Server.Heartbeats;

/// <summary>
/// Heartbeats made through the API (table <c>heartbeats</c>) and the last pings of every heartbeat, from the API or
/// the configuration (table <c>heartbeat_pings</c>), so a restart keeps what was seen.
/// </summary>
public sealed class HeartbeatStore(Database db)
{
    private const string Columns = "id, name, period_ms, grace_ms, cron, time_zone, labels, created_at";

    /// <summary>Inserts an API heartbeat; false when its name is taken.</summary>
    public Task<bool> InsertAsync(Heartbeat hb, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using (var exists = conn.Command(tx, "SELECT COUNT(*) FROM heartbeats WHERE name = @name"))
            {
                exists.AddParameter("@name", hb.Name);
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    return false;
                }
            }
            await using var cmd = conn.Command(tx, $"INSERT INTO heartbeats ({Columns}) VALUES (@id, @name, @period, @grace, @cron, @zone, @labels, @created)");
            cmd.AddParameter("@id", hb.Id);
            cmd.AddParameter("@name", hb.Name);
            cmd.AddParameter("@period", hb.Period is { } p ? (long)p.TotalMilliseconds : null);
            cmd.AddParameter("@grace", (long)hb.Grace.TotalMilliseconds);
            cmd.AddParameter("@cron", hb.Cron);
            cmd.AddParameter("@zone", hb.TimeZone);
            cmd.AddParameter("@labels", JsonSerializer.Serialize(hb.Labels.ToDictionary()));
            cmd.AddParameter("@created", UnixMs.From(hb.CreatedAt));
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await using var pings = conn.Command(tx, "INSERT INTO heartbeat_pings (id, first_seen_at) VALUES (@id, @at) ON CONFLICT (id) DO NOTHING");
            pings.AddParameter("@id", hb.Id);
            pings.AddParameter("@at", UnixMs.From(hb.CreatedAt));
            await pings.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>Deletes an API heartbeat and its pings; false when there is none.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "DELETE FROM heartbeats WHERE id = @id");
            cmd.AddParameter("@id", id);
            var removed = await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            await using var pings = conn.Command(tx, "DELETE FROM heartbeat_pings WHERE id = @id");
            pings.AddParameter("@id", id);
            await pings.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return removed;
        }, ct);

    /// <summary>
    /// Every API heartbeat. A row that cannot be read whole (from an older version, or damaged) comes back with what
    /// could be read and the reason, so it is listed with its error and can be deleted rather than breaking the list.
    /// </summary>
    public async Task<IReadOnlyList<(Heartbeat Heartbeat, string? Error)>> ListAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {Columns} FROM heartbeats ORDER BY name");
        var result = new List<(Heartbeat, string?)>();
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
            var hb = new Heartbeat
            {
                Id = r.GetString(0),
                Name = r.GetString(1),
                Period = Field("period", () => r.GetNullableInt64(2) is { } p ? TimeSpan.FromMilliseconds(p) : (TimeSpan?)null, null),
                Grace = Field("grace", () => TimeSpan.FromMilliseconds(r.GetInt64(3)), TimeSpan.Zero),
                Cron = r.GetNullableString(4),
                TimeZone = r.GetNullableString(5),
                Labels = Field("labels", () => LabelSet.From(JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(6)) ?? []), LabelSet.Empty),
                CreatedAt = Field("createdAt", () => UnixMs.ToInstant(r.GetInt64(7)), DateTimeOffset.UnixEpoch),
                Source = HeartbeatSources.Api,
            };
            result.Add((hb, problems.Count == 0 ? null : "the stored heartbeat cannot be read: " + string.Join("; ", problems)));
        }
        return result;
    }

    /// <summary>The stored pings of every heartbeat, by id.</summary>
    public async Task<IReadOnlyDictionary<string, HeartbeatPings>> LoadPingsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT id, first_seen_at, last_ping_at, last_start_at, last_fail_at FROM heartbeat_pings");
        var result = new Dictionary<string, HeartbeatPings>(StringComparer.Ordinal);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            try
            {
                result[r.GetString(0)] = new HeartbeatPings(UnixMs.ToInstant(r.GetInt64(1)), At(r, 2), At(r, 3), At(r, 4));
            }
            catch (ArgumentOutOfRangeException)
            {
                // An instant no clock can reach (a damaged row): the heartbeat starts over as if never pinged.
            }
        }
        return result;
    }

    /// <summary>Writes a heartbeat's pings (insert or replace).</summary>
    public Task SavePingsAsync(string id, HeartbeatPings p, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "INSERT INTO heartbeat_pings (id, first_seen_at, last_ping_at, last_start_at, last_fail_at) " +
                "VALUES (@id, @first, @ping, @start, @fail) ON CONFLICT (id) DO UPDATE SET first_seen_at = excluded.first_seen_at, " +
                "last_ping_at = excluded.last_ping_at, last_start_at = excluded.last_start_at, last_fail_at = excluded.last_fail_at");
            cmd.AddParameter("@id", id);
            cmd.AddParameter("@first", UnixMs.From(p.FirstSeenAt));
            cmd.AddParameter("@ping", UnixMs.From(p.LastPingAt));
            cmd.AddParameter("@start", UnixMs.From(p.LastStartAt));
            cmd.AddParameter("@fail", UnixMs.From(p.LastFailAt));
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct);

    /// <summary>Writes one ping's time alone (nodes of a cluster take pings for the same heartbeat: none overwrites the
    /// others' columns). False when the heartbeat has no pings row.</summary>
    public Task<bool> RecordPingAsync(string id, PingKind kind, DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            var column = kind switch
            {
                PingKind.Start => "last_start_at",
                PingKind.Fail => "last_fail_at",
                _ => "last_ping_at",
            };
            await using var cmd = conn.Command(tx, $"UPDATE heartbeat_pings SET {column} = @at WHERE id = @id");
            cmd.AddParameter("@id", id);
            cmd.AddParameter("@at", UnixMs.From(at));
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, ct);

    private static DateTimeOffset? At(DbDataReader r, int i) => r.GetNullableInt64(i) is { } ms ? UnixMs.ToInstant(ms) : null;
}
