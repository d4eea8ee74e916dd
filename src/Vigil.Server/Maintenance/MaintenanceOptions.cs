namespace Vigil.Server.Maintenance;

/// <summary>The <c>maintenance:</c> section of the configuration.</summary>
public sealed record MaintenanceOptions
{
    /// <summary>The receiver (from <c>receivers:</c>) that gets the warning before a window ends. Default: none (the warning is only recorded as an event).</summary>
    public string? Receiver { get; init; }

    /// <summary>How long before a window's end the warning goes out, unless the work is done and nothing it mutes fires. Default 15m.</summary>
    public TimeSpan WarnBeforeEnd { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest a window (or one occurrence of a recurring one) may last. Default 12h.</summary>
    public TimeSpan MaxLength { get; init; } = TimeSpan.FromHours(12);

    /// <summary>How long ended windows and their events are kept. Default 30d.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The schedule (from <c>schedules:</c>) a window's watcher must be on call in when the window names none. Default: none.</summary>
    public string? WatcherSchedule { get; init; }

    /// <summary>Windows defined in the configuration (<c>maintenance.windows</c>); read-only through the API. Default none.</summary>
    public IReadOnlyList<MaintenanceWindow> Windows { get; init; } = [];
}
