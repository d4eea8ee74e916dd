using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>
/// A planned maintenance window. Inside it an alert is muted only when it matches one of
/// <see cref="Targets"/> (what the work is about) and one of <see cref="Expected"/> (the signals the work
/// is expected to cause); each entry is a selector whose matchers must all match. A one-off window
/// runs from <see cref="Start"/> to <see cref="End"/>; a recurring one (<see cref="Cron"/> set) has an
/// occurrence at each cron time in <see cref="TimeZone"/>, lasting <see cref="Duration"/>, starting
/// no earlier than <see cref="Start"/> and before <see cref="End"/> when set.
/// </summary>
public sealed record MaintenanceWindow
{
    public required string Id { get; init; }

    public required IReadOnlyList<IReadOnlyList<Matcher>> Targets { get; init; }

    public required IReadOnlyList<IReadOnlyList<Matcher>> Expected { get; init; }

    public required DateTimeOffset Start { get; init; }

    /// <summary>The end of a one-off window; for a recurring one, when the recurrence stops (null: never).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>A five-field cron expression (Cronos) for recurring windows; null for a one-off.</summary>
    public string? Cron { get; init; }

    /// <summary>How long each occurrence lasts, in local wall-clock time (recurring windows only).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The IANA zone the cron expression is read in (recurring windows only).</summary>
    public string? TimeZone { get; init; }

    public required string Watcher { get; init; }

    public required string Backup { get; init; }

    /// <summary>The schedule the watcher must be on call in for the window's span; null: <c>maintenance.watcher_schedule</c>.</summary>
    public string? Schedule { get; init; }

    public string Announcement { get; init; } = "";

    /// <summary>"api" for windows made through the API (stored), "config" for those in <c>maintenance.windows</c>.</summary>
    public string Source { get; init; } = WindowSources.Api;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the window was ended early (<c>POST …/end</c>); it has no occurrence from then on.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the watcher marked the work done (<c>POST …/done</c>).</summary>
    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>
    /// Why a stored window cannot be evaluated (a damaged row, or one outside <see cref="WindowLimits"/> from an older
    /// version); null for every window that passed validation. Such a window has no occurrence, so it mutes nothing;
    /// it is listed with this error and can be ended.
    /// </summary>
    public string? Error { get; init; }

    public bool IsRecurring => Cron is not null;
}
