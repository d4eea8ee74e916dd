using Vigil.Server.Alerts;
using Vigil.Server.Config;

namespace Vigil.Server.Dispatch;

/// <summary>
/// What one flush of a group means for its receiver, before any I/O: the alerts left after muting, and the
/// decision for each integration (<see cref="Integrations"/>, at the receiver's integration indexes) and each
/// escalation policy it pages (<see cref="Pages"/>, at the indexes after them). <see cref="TimeMuted"/>: the route
/// is inside a mute_time_interval or outside its active_time_intervals, so nothing was planned.
/// </summary>
public sealed record FlushPlan(
    bool TimeMuted,
    IReadOnlyList<Alert> Unmuted,
    IReadOnlyList<IntegrationPlan> Integrations,
    IReadOnlyList<PagePlan> Pages)
{
    public static readonly FlushPlan Nothing = new(false, [], [], []);

    public static readonly FlushPlan Muted = new(true, [], [], []);

    /// <summary>The log entries to record: every integration's and page's decision that has one.</summary>
    public IEnumerable<NotificationLogEntry> Entries =>
        Integrations.Select(p => p.Decision.Entry).Concat(Pages.Select(p => p.Decision.Entry)).OfType<NotificationLogEntry>();
}

/// <summary>The decision for integration <paramref name="Index"/> of the receiver.</summary>
public sealed record IntegrationPlan(int Index, IntegrationConfig Integration, NotificationDecision Decision);

/// <summary>
/// The decision for the receiver's <c>vigil_configs</c> entry paging <paramref name="Policy"/> (log index
/// <paramref name="Index"/>). Only a <see cref="NotificationAction.Send"/> is kept: it opens a page when
/// <paramref name="Firing"/> is not empty, else resolves the group's page.
/// </summary>
public sealed record PagePlan(int Index, string Policy, NotificationDecision Decision, IReadOnlyList<Alert> Firing);
