using System.Data.Common;
using System.Text.Json;
using Vigil.Contracts.Agents;
using Vigil.Server.Storage;

namespace Vigil.Server.Hosts;

/// <summary>Hosts (<c>hosts</c>, one row each, upserted on every report) and their reboots (<c>host_reboots</c>, kept).</summary>
public sealed class HostStore(Database db)
{
    private const string HostColumns = "host, boot_id, first_seen_at, last_report_at, interval_ms, uptime_ms, checks, post_boot_failing, down_raised, non_routine_raised, pending_reboot_id, agent_version";
    private const string RebootColumns = "id, host, previous_boot_id, boot_id, last_report_before, first_report_after, verified_at";

    /// <summary>Saves the host, and the reboot when one was opened (inserted; its id is returned in the record) or verified.
    /// Hosts that report together share one transaction (<see cref="Database.WriteGroupedAsync{T}"/>).</summary>
    public Task<HostRecord> SaveAsync(HostRecord host, HostReboot? reboot, CancellationToken ct) =>
        db.WriteGroupedAsync(async (conn, tx) =>
        {
            if (reboot is { Id: 0 })
            {
                reboot = reboot with { Id = await InsertRebootAsync(conn, tx, reboot, ct).ConfigureAwait(false) };
                if (host.PendingReboot is not null)
                {
                    host = host with { PendingReboot = reboot };
                }
            }
            else if (reboot is { VerifiedAt: { } verified })
            {
                await using var update = conn.Command(tx, "UPDATE host_reboots SET verified_at = @at WHERE id = @id AND verified_at IS NULL");
                update.AddParameter("@at", UnixMs.From(verified));
                update.AddParameter("@id", reboot.Id);
                await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using var cmd = conn.Command(tx, $"""
                INSERT INTO hosts ({HostColumns}) VALUES (@host, @boot, @first, @last, @interval, @uptime, @checks, @postboot, @down, @nonroutine, @pending, @version)
                ON CONFLICT (host) DO UPDATE SET boot_id = excluded.boot_id, last_report_at = excluded.last_report_at,
                    interval_ms = excluded.interval_ms, uptime_ms = excluded.uptime_ms, checks = excluded.checks,
                    post_boot_failing = excluded.post_boot_failing, down_raised = excluded.down_raised,
                    non_routine_raised = excluded.non_routine_raised, pending_reboot_id = excluded.pending_reboot_id,
                    agent_version = excluded.agent_version
                """);
            cmd.AddParameter("@host", host.Host);
            cmd.AddParameter("@boot", host.BootId);
            cmd.AddParameter("@first", UnixMs.From(host.FirstSeenAt));
            cmd.AddParameter("@last", UnixMs.From(host.LastReportAt));
            cmd.AddParameter("@interval", (long)host.Interval.TotalMilliseconds);
            cmd.AddParameter("@uptime", (long)(host.UptimeSeconds * 1000));
            cmd.AddParameter("@checks", JsonSerializer.Serialize(host.Checks, ContractJson.Options));
            cmd.AddParameter("@postboot", JsonSerializer.Serialize(host.PostBootFailing.Order(StringComparer.Ordinal).ToList()));
            cmd.AddParameter("@down", host.DownRaised ? 1L : 0L);
            cmd.AddParameter("@nonroutine", host.NonRoutineRaised ? 1L : 0L);
            cmd.AddParameter("@pending", host.PendingReboot?.Id);
            cmd.AddParameter("@version", host.AgentVersion);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return host;
        }, ct);

    /// <summary>Marks which silence alerts are raised (the monitor's only write).</summary>
    public Task SaveFlagsAsync(HostRecord host, CancellationToken ct) =>
        db.WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "UPDATE hosts SET down_raised = @down, non_routine_raised = @nonroutine WHERE host = @host AND last_report_at = @last");
            cmd.AddParameter("@down", host.DownRaised ? 1L : 0L);
            cmd.AddParameter("@nonroutine", host.NonRoutineRaised ? 1L : 0L);
            cmd.AddParameter("@host", host.Host);
            cmd.AddParameter("@last", UnixMs.From(host.LastReportAt));
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct);

    /// <summary>Every host, with its pending reboot.</summary>
    public Task<IReadOnlyList<HostRecord>> LoadAllAsync(CancellationToken ct) => LoadAsync(null, ct);

    /// <summary>One host as stored now, with its pending reboot (another node of a cluster may have taken its last report).</summary>
    public async Task<HostRecord?> LoadOneAsync(string host, CancellationToken ct) => (await LoadAsync(host, ct).ConfigureAwait(false)).FirstOrDefault();

    private async Task<IReadOnlyList<HostRecord>> LoadAsync(string? only, CancellationToken ct)
    {
        var hosts = new List<(HostRecord Host, long? Pending)>();
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (var cmd = conn.Command(null, only is null
            ? $"SELECT {HostColumns} FROM hosts ORDER BY host"
            : $"SELECT {HostColumns} FROM hosts WHERE host = @host"))
        {
            if (only is not null)
            {
                cmd.AddParameter("@host", only);
            }
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    hosts.Add((new HostRecord(r.GetString(0), r.GetString(1), UnixMs.ToInstant(r.GetInt64(2)), UnixMs.ToInstant(r.GetInt64(3)),
                        TimeSpan.FromMilliseconds(r.GetInt64(4)), r.GetInt64(5) / 1000.0,
                        JsonSerializer.Deserialize<List<CheckResult>>(r.GetString(6), ContractJson.Options) ?? [],
                        (JsonSerializer.Deserialize<List<string>>(r.GetString(7)) ?? []).ToHashSet(StringComparer.Ordinal),
                        r.GetInt64(8) != 0, r.GetInt64(9) != 0, r.GetNullableString(11)), r.GetNullableInt64(10)));
                }
                catch (Exception e) when (e is OverflowException or ArgumentException or JsonException or InvalidCastException or FormatException)
                {
                    // A damaged row is listed with its error rather than keeping every other host from loading.
                    var broken = new HostRecord(r.GetString(0), "", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TimeSpan.Zero, 0, [],
                        new HashSet<string>(StringComparer.Ordinal), true, true, null) { Error = "the stored host cannot be read: " + e.Message };
                    hosts.Add((broken, null));
                }
            }
        }
        var result = new List<HostRecord>(hosts.Count);
        foreach (var (host, pending) in hosts)
        {
            result.Add(pending is { } id ? host with { PendingReboot = await FindRebootAsync(conn, id, ct).ConfigureAwait(false) } : host);
        }
        return result;
    }

    /// <summary>A host's reboots, newest first.</summary>
    public async Task<IReadOnlyList<HostReboot>> RebootsAsync(string host, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, $"SELECT {RebootColumns} FROM host_reboots WHERE host = @host ORDER BY id DESC LIMIT @limit");
        cmd.AddParameter("@host", host);
        cmd.AddParameter("@limit", (long)limit);
        return await ReadRebootsAsync(cmd, ct).ConfigureAwait(false);
    }

    /// <summary>Every host's most recent reboot durations (at most <paramref name="perHost"/> each, newest first).</summary>
    public async Task<Dictionary<string, List<TimeSpan>>> RecentDurationsAsync(int perHost, CancellationToken ct)
    {
        var result = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        await using var conn = await db.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var cmd = conn.Command(null, "SELECT host, first_report_after - last_report_before FROM host_reboots ORDER BY id DESC");
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var list = result.TryGetValue(r.GetString(0), out var l) ? l : result[r.GetString(0)] = [];
            if (list.Count < perHost)
            {
                list.Add(TimeSpan.FromMilliseconds(r.GetInt64(1)));
            }
        }
        return result;
    }

    private static async Task<long> InsertRebootAsync(DbConnection conn, DbTransaction tx, HostReboot reboot, CancellationToken ct)
    {
        await using var cmd = conn.Command(tx, """
            INSERT INTO host_reboots (host, previous_boot_id, boot_id, last_report_before, first_report_after, verified_at)
            VALUES (@host, @prev, @boot, @before, @after, @verified) RETURNING id
            """);
        cmd.AddParameter("@host", reboot.Host);
        cmd.AddParameter("@prev", reboot.PreviousBootId);
        cmd.AddParameter("@boot", reboot.BootId);
        cmd.AddParameter("@before", UnixMs.From(reboot.LastReportBefore));
        cmd.AddParameter("@after", UnixMs.From(reboot.FirstReportAfter));
        cmd.AddParameter("@verified", reboot.VerifiedAt is { } v ? UnixMs.From(v) : null);
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static async Task<HostReboot?> FindRebootAsync(DbConnection conn, long id, CancellationToken ct)
    {
        await using var cmd = conn.Command(null, $"SELECT {RebootColumns} FROM host_reboots WHERE id = @id");
        cmd.AddParameter("@id", id);
        return (await ReadRebootsAsync(cmd, ct).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<HostReboot>> ReadRebootsAsync(DbCommand cmd, CancellationToken ct)
    {
        var list = new List<HostReboot>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new HostReboot(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), UnixMs.ToInstant(r.GetInt64(4)),
                UnixMs.ToInstant(r.GetInt64(5)), r.GetNullableInt64(6) is { } v ? UnixMs.ToInstant(v) : null));
        }
        return list;
    }
}
