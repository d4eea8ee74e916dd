namespace Vigil.Server.Plans;

/// <summary>
/// <c>window:</c> the maintenance window a run opens over its hosts for its expected length, under the watcher rule
/// of <c>docs/maintenance.md</c>; its watcher is the person a halt pages.
/// </summary>
public sealed record PlanWindow
{
    /// <summary>Who watches the run (<c>watcher</c>), required; must be on call when the run starts.</summary>
    public required string Watcher { get; init; }

    /// <summary>Who stands in (<c>backup</c>), required.</summary>
    public required string Backup { get; init; }

    /// <summary>What is being done (<c>announcement</c>), shown in the window, its alerts and the status page. Default empty.</summary>
    public string Announcement { get; init; } = "";

    /// <summary>The on-call schedule the watcher must be on call in (<c>schedule</c>); default <c>maintenance.watcher_schedule</c>.</summary>
    public string? Schedule { get; init; }
}
