using System.Data.Common;
using System.Security.Cryptography;
using NodaTime;
using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Oncall;

/// <summary>Creates and deletes API overrides: validated, stored and audited (object type <c>schedule-override</c>) in one transaction.</summary>
public sealed class OverrideEditor(ConfigHolder config, OverrideStore store, OverrideSet overrides, AuditLog audit, Database db, TimeProvider clock)
{
    public const string AuditType = "schedule-override";

    /// <summary>The outcome: the override, or an HTTP status and a message.</summary>
    public sealed record Outcome(ScheduleOverride? Override, int Status, string? Error);

    public async Task<Outcome> CreateAsync(string schedule, string? person, string? from, string? to, string? note, Caller caller, CancellationToken ct)
    {
        var current = config.Current.Oncall;
        if (current.FindSchedule(schedule) is null)
        {
            return new Outcome(null, 404, $"no schedule {schedule}");
        }
        if (person is null || !current.People.ContainsKey(person))
        {
            return new Outcome(null, 400, person is null ? "person: required" : $"person: unknown person \"{person}\"");
        }
        if (!OnCallTime.TryParseInstant(from, out var start))
        {
            return new Outcome(null, 400, $"from: not an RFC 3339 time: \"{from}\"");
        }
        if (!OnCallTime.TryParseInstant(to, out var end))
        {
            return new Outcome(null, 400, $"to: not an RFC 3339 time: \"{to}\"");
        }
        if (TimeLimits.CheckInstant(start) is { } early)
        {
            return new Outcome(null, 400, "from: " + early);
        }
        if (TimeLimits.CheckInstant(end) is { } late)
        {
            return new Outcome(null, 400, "to: " + late);
        }
        if (end <= start)
        {
            return new Outcome(null, 400, "to: must be after from");
        }
        var o = New(schedule, person, start, end, note ?? "", caller);
        await db.WriteAsync((conn, tx) => InsertAsync(conn, tx, o, caller, ct), ct);
        await ReloadAsync(ct);
        return new Outcome(o, 201, null);
    }

    /// <summary>An API override made now by <paramref name="caller"/> (not yet stored; the caller has validated it).</summary>
    public ScheduleOverride New(string schedule, string person, Instant from, Instant to, string note, Caller caller) =>
        new("ovr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), schedule, person, from, to,
            ScheduleOverride.FromApi, caller.Identity, Instant.FromDateTimeOffset(clock.GetUtcNow()), note);

    /// <summary>Stores and audits an override in the caller's transaction (e.g. with the maintenance window it was made for);
    /// call <see cref="ReloadAsync"/> after the commit.</summary>
    public async Task InsertAsync(DbConnection conn, DbTransaction tx, ScheduleOverride o, Caller caller, CancellationToken ct)
    {
        await store.InsertAsync(conn, tx, o, ct);
        await audit.AppendAsync(conn, tx, caller, "create", AuditType, o.Id, null, OnCallJson.Override(o).ToJsonString(), ct);
    }

    public async Task<Outcome> DeleteAsync(string schedule, string id, Caller caller, CancellationToken ct)
    {
        var removed = await db.WriteAsync(async (conn, tx) =>
        {
            var o = await store.DeleteAsync(conn, tx, schedule, id, ct);
            if (o is not null)
            {
                await audit.AppendAsync(conn, tx, caller, "delete", AuditType, o.Id, OnCallJson.Override(o).ToJsonString(), null, ct);
            }
            return o;
        }, ct);
        if (removed is null)
        {
            return new Outcome(null, 404, $"no override {id} in schedule {schedule}");
        }
        await ReloadAsync(ct);
        return new Outcome(removed, 200, null);
    }

    /// <summary>Brings the in-memory set in step with the table (changes made here or on another node).</summary>
    public async Task ReloadAsync(CancellationToken ct) => overrides.Replace(await store.ListAsync(ct));
}
