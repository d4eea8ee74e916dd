using Cronos;
using NodaTime;
using Vigil.Server.Config;

namespace Vigil.Server.Maintenance;

/// <summary>
/// What a window may ask for beyond <see cref="WindowBuilder"/>'s rules, so every accepted one can be evaluated: its
/// times within <see cref="TimeLimits"/>' range, an occurrence from 1s to <see cref="MaxLength"/> (and to
/// <c>maintenance.max_length</c>), a cron expression that fires at least once every 5 years, a known zone. A stored
/// window from an older version that breaks these is loaded with <see cref="MaintenanceWindow.Error"/> set.
/// </summary>
public static class WindowLimits
{
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    /// <summary>The longest <c>maintenance.max_length</c> may be set to.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(365);

    /// <summary>Null when the window can be evaluated, else "field: reason".</summary>
    public static string? Check(MaintenanceWindow w)
    {
        foreach (var (field, t) in new (string, DateTimeOffset?)[] { ("start", w.Start), ("end", w.End), ("endedAt", w.EndedAt), ("doneAt", w.DoneAt) })
        {
            if (t is { } at && TimeLimits.CheckInstant(at) is { } reason)
            {
                return $"{field}: {reason}";
            }
        }
        if (!w.IsRecurring)
        {
            return w.End is not { } end ? "end: required for a one-off window"
                : end <= w.Start ? "end: must be after start"
                : TimeLimits.CheckDuration(end - w.Start, MinDuration, MaxLength) is { } length ? "end: the window is " + length
                : null;
        }
        if (w.Duration is not { } duration)
        {
            return "duration: required with cron";
        }
        if (TimeLimits.CheckDuration(duration, MinDuration, MaxLength) is { } outOfRange)
        {
            return "duration: " + outOfRange;
        }
        if (w.TimeZone is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(w.TimeZone) is null)
        {
            return $"timeZone: unknown IANA time zone \"{w.TimeZone}\"";
        }
        return CheckCron(w.Cron!);
    }

    /// <summary>Null when the text is a five-field cron expression that fires at least once every 5 years, else "cron: reason".</summary>
    public static string? CheckCron(string cron)
    {
        try
        {
            return TimeLimits.CheckCron(WindowRules.ParseCron(cron)) is { } reason ? $"cron: \"{cron}\": {reason}" : null;
        }
        catch (CronFormatException e)
        {
            return $"cron: not a valid five-field cron expression: {e.Message}";
        }
    }
}
