using Vigil.Server.Escalation;

namespace Vigil.Server.Incidents;

/// <summary>
/// Whom opening an incident pages, pure. A commander named by hand on the incident is paged directly; otherwise the
/// rule's <c>escalation_policy</c>, else <c>incidents.escalation_policy</c>, else the rule's or the section's
/// <c>commander</c> directly (a one-level policy of that person). A person not in <c>people:</c> cannot be paged
/// directly (there is no way to reach them). Null when there is no one.
/// </summary>
public static class CommanderPaging
{
    /// <summary>How long the commander has to acknowledge a direct page before it is repeated (the policy's first and only level).</summary>
    public static readonly TimeSpan DirectAckTimeout = TimeSpan.FromMinutes(5);

    public static EscalationPolicy? PolicyFor(Incident incident, IncidentsOptions options, IReadOnlyDictionary<string, EscalationPolicy> policies,
        Func<string, bool> isPerson)
    {
        var rule = incident.OpenKey is { } key ? options.AutoOpen.FirstOrDefault(r => r.OpenKey == key) : null;
        var auto = IsAutoOpened(incident);
        if (!auto && incident.Commander is { } named && isPerson(named))
        {
            return Direct(named);
        }
        if ((rule?.EscalationPolicy ?? options.EscalationPolicy) is { } name && policies.TryGetValue(name, out var policy))
        {
            return policy;
        }
        return new[] { incident.Commander, rule?.Commander, options.Commander }.FirstOrDefault(p => p is not null && isPerson(p)) is { } person
            ? Direct(person) : null;
    }

    /// <summary>Whether the incident was opened by an <c>incidents.auto_open</c> rule (its opener is <c>auto_open:RULE</c>).</summary>
    public static bool IsAutoOpened(Incident incident) => incident.OpenedBy.StartsWith("auto_open:", StringComparison.Ordinal);

    /// <summary>The page's key: one page per incident opening, however often the pager looks.</summary>
    public static string PageKey(long incidentId) => $"incident:{incidentId}";

    private static EscalationPolicy Direct(string person) =>
        new($"incident-commander:{person}", [new EscalationLevel([new EscalationTarget(TargetKind.Person, person)], DirectAckTimeout, false)], 0, null);
}
