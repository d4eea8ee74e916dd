using Cronos;
using NodaTime;
using Vigil.Server.Config;

namespace Vigil.Server.Heartbeats;

/// <summary>
/// What a heartbeat may ask for, so that every accepted one can be evaluated: a period and a grace from 1s to 365d,
/// a cron expression that fires at least once every 5 years (<see cref="TimeLimits.CheckCron"/>) in a known zone.
/// The API and the configuration reader refuse the rest; a stored heartbeat from an older version that breaks these
/// is loaded as an error on that heartbeat.
/// </summary>
public static class HeartbeatLimits
{
    public static readonly TimeSpan MinPeriod = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(365);

    public static readonly TimeSpan MinGrace = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(365);

    /// <summary>Null when the heartbeat can be evaluated, else "field: reason".</summary>
    public static string? Check(Heartbeat hb)
    {
        if (TimeLimits.CheckDuration(hb.Grace, MinGrace, MaxGrace) is { } grace)
        {
            return "grace: " + grace;
        }
        if ((hb.Period is null) == (hb.Cron is null))
        {
            return "period: give either a period or a cron schedule";
        }
        if (hb.Period is { } period)
        {
            return TimeLimits.CheckDuration(period, MinPeriod, MaxPeriod) is { } reason ? "period: " + reason : null;
        }
        return CheckSchedule(hb.Cron!, hb.TimeZone);
    }

    /// <summary>Null when the cron expression and zone are valid, else "cron: reason" or "timeZone: reason".</summary>
    public static string? CheckSchedule(string cron, string? zone)
    {
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            return $"cron: invalid cron expression: {e.Message}";
        }
        if (TimeLimits.CheckCron(expression) is { } reason)
        {
            return $"cron: \"{cron}\": {reason}";
        }
        return zone is { Length: > 0 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null ? $"timeZone: unknown time zone \"{zone}\"" : null;
    }
}
