using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Silences;

/// <summary>
/// Makes changes to silences: checks them with <see cref="SilenceRules"/>, commits the row and its audit
/// record in one transaction, then publishes to the in-memory <see cref="SilenceSet"/>. Changes in this
/// process run one at a time, so an update never races another update of the same silence.
/// </summary>
internal sealed class SilenceService(Database db, AuditLog audit, SilenceSet set, SilenceStore store, ConfigHolder config, TimeProvider clock)
{
    public const string ObjectType = "silence";

    private readonly SemaphoreSlim _gate = new(1, 1);

    private SilencesOptions Options => config.Current.Silences;

    /// <summary>
    /// Creates a silence (empty id) or updates one by id with Alertmanager's rules: the id is kept when
    /// <see cref="SilenceRules.CanUpdate"/>, otherwise the old one is expired and a new id is issued.
    /// </summary>
    public async Task<(string? Id, SilenceError? Error)> SetAsync(Silence candidate, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (SilenceRules.CheckTimes(candidate.StartsAt, candidate.EndsAt, now) is { } timeError)
        {
            return (null, SilenceError.Invalid(timeError));
        }
        await _gate.WaitAsync(ct);
        try
        {
            Silence? existing = null;
            if (candidate.Id.Length > 0 && (existing = set.Get(candidate.Id)) is null)
            {
                return (null, SilenceError.NotFound);
            }
            candidate = candidate with { CreatorIdentity = caller.Identity };
            var inPlace = existing is not null && SilenceRules.CanUpdate(existing, candidate, now);
            var next = inPlace
                ? SilenceRules.UpdateInPlace(existing!, candidate, now)
                : SilenceRules.CreateNew(candidate, Guid.NewGuid().ToString(), now);
            if (SilenceRules.Validate(next, Options) is { } invalid)
            {
                return (null, SilenceError.Invalid(invalid));
            }
            var replaced = !inPlace && existing is not null ? SilenceRules.Expire(existing, now) : null;
            if (!inPlace && replaced is null && LimitReached(now) is { } full)
            {
                return (null, full);
            }
            await db.WriteAsync(async (conn, tx) =>
            {
                if (replaced is not null)
                {
                    await SilenceStore.SaveAsync(conn, tx, replaced, ct);
                    await AuditAsync(conn, tx, caller, "expire", existing, replaced, now, ct);
                }
                await SilenceStore.SaveAsync(conn, tx, next, ct);
                await AuditAsync(conn, tx, caller, inPlace ? "update" : "create", inPlace ? existing : null, next, now, ct);
            }, ct);
            set.Put(replaced is null ? [next] : [replaced, next]);
            return (next.Id, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Expires a silence now; unknown id → not found; an expired one is left as it is.</summary>
    public async Task<SilenceError?> ExpireAsync(string id, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var existing = set.Get(id);
            if (existing is null)
            {
                return SilenceError.NotFound;
            }
            var now = clock.GetUtcNow();
            if (SilenceRules.Expire(existing, now) is not { } expired)
            {
                return null;
            }
            await db.WriteAsync(async (conn, tx) =>
            {
                await SilenceStore.SaveAsync(conn, tx, expired, ct);
                await AuditAsync(conn, tx, caller, "expire", existing, expired, now, ct);
            }, ct);
            set.Put(expired);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records a second person's approval, after which the silence mutes customer-impact alerts too.</summary>
    public async Task<(Silence? Silence, SilenceError? Error)> ApproveAsync(string id, Caller caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var existing = set.Get(id);
            if (existing is null)
            {
                return (null, SilenceError.NotFound);
            }
            var now = clock.GetUtcNow();
            if (SilenceRules.CheckApproval(existing, caller.Identity, now) is { } error)
            {
                return (null, error);
            }
            var approved = existing with { ApprovedBy = caller.Identity, ApprovedAt = now, UpdatedAt = now };
            await db.WriteAsync(async (conn, tx) =>
            {
                await SilenceStore.SaveAsync(conn, tx, approved, ct);
                await AuditAsync(conn, tx, caller, "approve", existing, approved, now, ct);
            }, ct);
            set.Put(approved);
            return (approved, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads every stored silence into memory (at start, before serving).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            set.Replace(await store.LoadAllAsync(ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes silences that expired more than <c>silences.retention</c> ago, from the database and memory.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var removed = await store.DeleteEndedBeforeAsync(clock.GetUtcNow() - Options.Retention, ct);
            set.Remove(removed);
            return removed.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new silence that would take the active and pending ones past <c>server.limits.max_silences</c> (a replacement does not).</summary>
    private SilenceError? LimitReached(DateTimeOffset now)
    {
        var max = config.Current.Server.Limits.MaxSilences;
        var live = set.All.Count(s => SilenceRules.StateAt(s, now) != SilenceState.Expired);
        return live < max
            ? null
            : SilenceError.LimitReached($"exceeded maximum number of silences: {live} active or pending (limit: {max}, server.limits.max_silences); expire one first");
    }

    private Task AuditAsync(System.Data.Common.DbConnection conn, System.Data.Common.DbTransaction tx, Caller caller, string action,
        Silence? before, Silence after, DateTimeOffset now, CancellationToken ct)
    {
        var customer = Options.CustomerLabel;
        return audit.AppendAsync(conn, tx, caller, action, ObjectType, after.Id,
            before is null ? null : SilenceJson.ToJson(before, now, customer).ToJsonString(),
            SilenceJson.ToJson(after, now, customer).ToJsonString(), ct);
    }
}
