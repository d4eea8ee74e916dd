using System.Globalization;
using Cronos;
using NodaTime;
using Vigil.Server.Maintenance;

namespace Vigil.Server.Heartbeats;

/// <summary>
/// Pure rules: when the next ping is due, and whether a heartbeat is up, missing or failed at an instant. The latest
/// ping decides: a failure is <c>HeartbeatFailed</c>; a start is fine until its grace runs out (then missing, "started
/// and did not finish"); otherwise a heartbeat is missing once its next expected ping plus the grace has passed.
/// Cron schedules are read on the wall clock of their zone, across DST changes (<see cref="Recurrence"/>).
/// </summary>
public static class HeartbeatRules
{
    /// <summary>When the ping after one at <paramref name="reference"/> is expected.</summary>
    public static DateTimeOffset NextExpected(Heartbeat hb, DateTimeOffset reference)
    {
        if (hb.Cron is { Length: > 0 } cron)
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(hb.TimeZone ?? "UTC") ?? DateTimeZone.Utc;
            var expression = CronExpression.Parse(cron, CronFormat.Standard);
            return Recurrence.Between(expression, zone, TimeSpan.Zero, reference.AddTicks(1), null).First().Start;
        }
        return reference + (hb.Period ?? TimeSpan.FromDays(1));
    }

    public static HeartbeatVerdict Evaluate(Heartbeat hb, HeartbeatPings p, DateTimeOffset now)
    {
        var success = p.LastPingAt ?? DateTimeOffset.MinValue;
        var fail = p.LastFailAt ?? DateTimeOffset.MinValue;
        var start = p.LastStartAt ?? DateTimeOffset.MinValue;
        if (p.LastFailAt is { } failedAt && fail > success && fail >= start)
        {
            return new HeartbeatVerdict(HeartbeatVerdict.Failed, $"reported a failure at {Format(failedAt)}");
        }
        if (p.LastStartAt is { } startedAt && start > success && start > fail)
        {
            return now > startedAt + hb.Grace
                ? new HeartbeatVerdict(HeartbeatVerdict.Missing, $"started at {Format(startedAt)} and did not finish within {Config.PromDuration.Format(hb.Grace)}")
                : HeartbeatVerdict.Up;
        }
        var reference = p.LastPingAt ?? p.FirstSeenAt;
        var deadline = NextExpected(hb, reference) + hb.Grace;
        if (now <= deadline)
        {
            return HeartbeatVerdict.Up;
        }
        var last = p.LastPingAt is { } ping ? $"last ping at {Format(ping)}" : "never pinged";
        return new HeartbeatVerdict(HeartbeatVerdict.Missing, $"{last}; expected by {Format(deadline)}");
    }

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
