using System.Globalization;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Maintenance;

/// <summary>
/// A window as written by a person (API body, config entry, CLI flags): strings, not yet validated.
/// <see cref="WindowBuilder"/> turns it into a <see cref="MaintenanceWindow"/> or names the field that is wrong.
/// </summary>
public sealed record WindowDraft
{
    public IReadOnlyList<string>? Targets { get; init; }

    public IReadOnlyList<string>? Expected { get; init; }

    /// <summary>RFC 3339, or "now".</summary>
    public string? Start { get; init; }

    /// <summary>RFC 3339.</summary>
    public string? End { get; init; }

    /// <summary>Prometheus duration (<c>2h</c>): a one-off window's length when <see cref="End"/> is absent, or each occurrence's length.</summary>
    public string? Duration { get; init; }

    public string? Cron { get; init; }

    public string? TimeZone { get; init; }

    public string? Watcher { get; init; }

    public string? Backup { get; init; }

    public string? Announcement { get; init; }

    /// <summary>The schedule the watcher must be on call in (default <c>maintenance.watcher_schedule</c>).</summary>
    public string? Schedule { get; init; }

    /// <summary>API only, not part of the window: create overrides so that the watcher is on call for the span.</summary>
    public bool? Assign { get; init; }

    /// <summary>The draft that rebuilds <paramref name="w"/> (for PATCH: fields given override these).</summary>
    public static WindowDraft From(MaintenanceWindow w) => new()
    {
        Targets = w.Targets.Select(s => Matcher.ListToString(s)).ToList(),
        Expected = w.Expected.Select(s => Matcher.ListToString(s)).ToList(),
        Start = Rfc3339(w.Start),
        End = w.End is { } e ? Rfc3339(e) : null,
        Duration = w.Duration is { } d ? PromDuration.Format(d) : null,
        Cron = w.Cron,
        TimeZone = w.TimeZone,
        Watcher = w.Watcher,
        Backup = w.Backup,
        Announcement = w.Announcement,
        Schedule = w.Schedule,
    };

    /// <summary>This draft with every field that <paramref name="patch"/> sets taken from it.</summary>
    public WindowDraft Merge(WindowDraft patch) => new()
    {
        Targets = patch.Targets ?? Targets,
        Expected = patch.Expected ?? Expected,
        Start = patch.Start ?? Start,
        // A new end or a new duration replaces both: a one-off window has one or the other.
        End = patch.End ?? (patch.Duration is not null && Cron is null && patch.Cron is null ? null : End),
        Duration = patch.Duration ?? Duration,
        Cron = patch.Cron ?? Cron,
        TimeZone = patch.TimeZone ?? TimeZone,
        Watcher = patch.Watcher ?? Watcher,
        Backup = patch.Backup ?? Backup,
        Announcement = patch.Announcement ?? Announcement,
        Schedule = patch.Schedule ?? Schedule,
        Assign = patch.Assign,
    };

    internal static string Rfc3339(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
