using System.Collections.Concurrent;
using NodaTime;
using Vigil.Server.Config;

namespace Vigil.Server.Oncall;

/// <summary>
/// Answers who is on call, for the API and the escalation engine. Each schedule's final shifts are rendered once for
/// a window around now (two days back, five weeks ahead) and kept until the configuration or the overrides change,
/// so a query is a binary search; a time outside the window is rendered on demand.
/// </summary>
public sealed class OnCallLookup(ConfigHolder config, OverrideSet overrides, TimeProvider clock) : IOnCallLookup
{
    private static readonly Duration Behind = Duration.FromDays(2);
    private static readonly Duration Ahead = Duration.FromDays(35);
    private static readonly Duration Refresh = Duration.FromDays(7);

    private Cache _cache = new(null, -1, new ConcurrentDictionary<string, Rendered>(StringComparer.Ordinal));

    public IReadOnlyList<string> OnCallAt(string schedule, DateTimeOffset at) =>
        ShiftAt(schedule, OnCallTime.Of(at)) is { } shift ? [shift.Person] : [];

    public Person? FindPerson(string name) => config.Current.Oncall.People.GetValueOrDefault(name);

    public IReadOnlyList<string> TeamMembers(string team) =>
        config.Current.Oncall.Teams.TryGetValue(team, out var t) ? t.Members : [];

    /// <summary>The final shift covering <paramref name="at"/>, or null (nobody, or no such schedule).</summary>
    public Shift? ShiftAt(string schedule, Instant at)
    {
        var current = config.Current;
        if (current.Oncall.FindSchedule(schedule) is not { } s)
        {
            return null;
        }
        var cache = CacheFor(current);
        var now = OnCallTime.Of(clock.GetUtcNow());
        if (!cache.Schedules.TryGetValue(schedule, out var rendered) || now - rendered.From > Refresh)
        {
            var from = now - Behind;
            var shifts = ScheduleRenderer.Render(s, overrides.For(s), from, now + Ahead);
            rendered = new Rendered(from, now + Ahead, [.. shifts]);
            cache.Schedules[schedule] = rendered;
        }
        return at >= rendered.From && at < rendered.To
            ? Find(rendered.Shifts, at)
            : Find([.. ScheduleRenderer.Render(s, overrides.For(s), at - Behind, at + Behind)], at);
    }

    /// <summary>Final shifts of a schedule in a range (null when the schedule is unknown).</summary>
    public List<Shift>? Shifts(string schedule, Instant from, Instant to) =>
        config.Current.Oncall.FindSchedule(schedule) is { } s ? ScheduleRenderer.Render(s, overrides.For(s), from, to) : null;

    private Cache CacheFor(VigilConfig current)
    {
        var cache = Volatile.Read(ref _cache);
        var version = overrides.Version;
        if (!ReferenceEquals(cache.Config, current) || cache.OverridesVersion != version)
        {
            cache = new Cache(current, version, new ConcurrentDictionary<string, Rendered>(StringComparer.Ordinal));
            Volatile.Write(ref _cache, cache);
        }
        return cache;
    }

    private static Shift? Find(Shift[] shifts, Instant at)
    {
        int lo = 0, hi = shifts.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = shifts[mid];
            if (at < s.From)
            {
                hi = mid - 1;
            }
            else if (at >= s.To)
            {
                lo = mid + 1;
            }
            else
            {
                return s;
            }
        }
        return null;
    }

    private sealed record Cache(VigilConfig? Config, long OverridesVersion, ConcurrentDictionary<string, Rendered> Schedules);

    private sealed record Rendered(Instant From, Instant To, Shift[] Shifts);
}
