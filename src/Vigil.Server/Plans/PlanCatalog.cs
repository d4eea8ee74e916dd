using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Security;
using Vigil.Server.Storage;

namespace Vigil.Server.Plans;

/// <summary>
/// Every plan that can be run by name: those in <c>plans.definitions</c> first (the configuration wins, and a stored
/// plan may not take a configured plan's name), then those stored through the API. Adding and removing stored plans is
/// audited (object type <c>plan</c>) in the transaction that makes the change.
/// </summary>
public sealed class PlanCatalog(ConfigHolder config, PlanStore store, AuditLog audit, Database db, TimeProvider clock)
{
    public const string FromConfig = "config";

    public const string FromApi = "api";

    public const string AuditType = "plan";

    /// <summary>The plan named <paramref name="name"/>: the configuration's, else the stored one; null when neither.</summary>
    public async Task<PlanEntry?> FindAsync(string name, CancellationToken ct)
    {
        if (Configured(name) is { } configured)
        {
            return configured;
        }
        return await store.GetAsync(name, ct).ConfigureAwait(false) is { } stored ? Entry(stored) : null;
    }

    /// <summary>The configuration's plans in their order, then the stored ones by name.</summary>
    public async Task<IReadOnlyList<PlanEntry>> ListAsync(CancellationToken ct)
    {
        var configured = config.Current.Plans.Definitions.Select(ConfigEntry).ToList();
        var stored = await store.ListAsync(ct).ConfigureAwait(false);
        // A stored plan shadowed by a configured one (the configuration gained it later) is not runnable by name: not listed.
        return [.. configured, .. stored.Where(s => configured.All(c => c.Name != s.Name)).Select(Entry)];
    }

    /// <summary>Checks <paramref name="plan"/> against the configuration in force.</summary>
    public PlanCheck Check(PlanDefinition plan) => PlanValidator.Check(plan, config.Current);

    /// <summary>Stores a plan that was read and checked; 409 when the name belongs to a configured plan, or to a stored one and not <paramref name="replace"/>.</summary>
    public async Task<PlanChange> AddAsync(PlanDefinition plan, bool replace, Caller caller, CancellationToken ct)
    {
        if (Configured(plan.Name) is not null)
        {
            return new PlanChange(null, 409, $"name: a plan named \"{plan.Name}\" is defined in the configuration (plans.definitions); pick another name");
        }
        var stored = new StoredPlan(plan.Name, plan.Source, clock.GetUtcNow(), caller.Identity);
        var added = await db.WriteAsync(async (conn, tx) =>
        {
            var before = await store.GetAsync(conn, tx, plan.Name, ct).ConfigureAwait(false);
            if (before is not null && !replace)
            {
                return false;
            }
            if (before is null && !await store.InsertAsync(conn, tx, stored, ct).ConfigureAwait(false))
            {
                // Another request stored the name between the read and the insert.
                return false;
            }
            if (before is not null)
            {
                await store.UpsertAsync(conn, tx, stored, ct).ConfigureAwait(false);
            }
            await audit.AppendAsync(conn, tx, caller, before is null ? "create" : "replace", AuditType, plan.Name,
                before is null ? null : PlanJson.Audit(before), PlanJson.Audit(stored), ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return added
            ? new PlanChange(Entry(stored) with { Plan = plan }, 201, null)
            : new PlanChange(null, 409, $"name: a plan named \"{plan.Name}\" is already stored; add ?replace=true to replace it");
    }

    /// <summary>Deletes a stored plan; 409 for a configured one, 404 when there is none.</summary>
    public async Task<PlanChange> RemoveAsync(string name, Caller caller, CancellationToken ct)
    {
        if (Configured(name) is not null)
        {
            return new PlanChange(null, 409, $"the plan \"{name}\" is defined in the configuration (plans.definitions); remove it there");
        }
        var removed = await db.WriteAsync(async (conn, tx) =>
        {
            var before = await store.GetAsync(conn, tx, name, ct).ConfigureAwait(false);
            if (before is null || !await store.DeleteAsync(conn, tx, name, ct).ConfigureAwait(false))
            {
                return null;
            }
            await audit.AppendAsync(conn, tx, caller, "delete", AuditType, name, PlanJson.Audit(before), null, ct).ConfigureAwait(false);
            return before;
        }, ct).ConfigureAwait(false);
        return removed is null
            ? new PlanChange(null, 404, $"no plan named \"{name}\"")
            : new PlanChange(Entry(removed), 200, null);
    }

    private PlanEntry? Configured(string name) =>
        config.Current.Plans.Definitions.FirstOrDefault(p => p.Name == name) is { } plan ? ConfigEntry(plan) : null;

    private static PlanEntry ConfigEntry(PlanDefinition plan) => new(plan.Name, FromConfig, plan, plan.Source, null, null, null);

    private static PlanEntry Entry(StoredPlan stored)
    {
        try
        {
            return new PlanEntry(stored.Name, FromApi, PlanReader.Read(stored.Yaml, $"plan {stored.Name}"), stored.Yaml, stored.CreatedAt, stored.CreatedBy, null);
        }
        catch (ConfigException e)
        {
            return new PlanEntry(stored.Name, FromApi, null, stored.Yaml, stored.CreatedAt, stored.CreatedBy, "the stored plan no longer reads: " + e.Message);
        }
    }
}
