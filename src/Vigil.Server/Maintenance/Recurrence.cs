using Cronos;
using NodaTime;

namespace Vigil.Server.Maintenance;

/// <summary>
/// The occurrences of a cron expression in an IANA zone. The expression is evaluated on local wall-clock
/// time (so "02:00 every Sunday" means 02:00 on the clock in that zone, summer and winter), and each local
/// time is mapped to an instant leniently: a time skipped by a DST change moves forward by the gap (02:00 on
/// the spring-forward night is 03:00 new time), a time that happens twice takes its first instance. The end
/// is start + duration on the local clock, mapped the same way, so "02:00 for 2h" always ends at 04:00 local.
/// </summary>
internal static class Recurrence
{
    // Local times are pushed back by this much when searching, so a start that a DST gap moved forward past
    // the search instant is still found.
    private static readonly TimeSpan Slack = TimeSpan.FromHours(3);

    /// <summary>Occurrences whose start instant is in <c>[from, to]</c> (or after <paramref name="from"/> when <paramref name="to"/> is null), in order.</summary>
    public static IEnumerable<Occurrence> Between(CronExpression cron, DateTimeZone zone, TimeSpan duration, DateTimeOffset from, DateTimeOffset? to)
    {
        var local = ToFakeUtc(Instant.FromDateTimeOffset(from).InZone(zone).LocalDateTime) - Slack;
        DateTime? next = cron.GetNextOccurrence(local, inclusive: true);
        var guard = 0;
        while (next is { } n && guard++ < 100_000)
        {
            var start = ToInstant(n, zone);
            if (to is { } limit && start > limit)
            {
                yield break;
            }
            if (start >= from)
            {
                yield return new Occurrence(start, ToInstant(n + duration, zone));
            }
            next = cron.GetNextOccurrence(n, inclusive: false);
        }
    }

    // Cronos works on UTC DateTimes; giving it local wall-clock time labelled UTC evaluates the expression on
    // the local clock without Cronos' own DST handling, which NodaTime then applies explicitly.
    private static DateTime ToFakeUtc(LocalDateTime local) => DateTime.SpecifyKind(local.ToDateTimeUnspecified(), DateTimeKind.Utc);

    private static DateTimeOffset ToInstant(DateTime fakeUtc, DateTimeZone zone) =>
        LocalDateTime.FromDateTime(fakeUtc).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();
}
