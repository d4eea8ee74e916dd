using Vigil.Server.Config;

namespace Vigil.Server.Dispatch;

/// <summary>Alertmanager's TimeActiveStage and TimeMuteStage for a route.</summary>
public static class RouteTiming
{
    /// <summary>
    /// True when <paramref name="now"/> lies in any of the route's mute_time_intervals, or when the route has
    /// active_time_intervals and <paramref name="now"/> lies in none of them. Names missing from
    /// <paramref name="intervals"/> contain no instant (configuration validation rejects them).
    /// </summary>
    public static bool IsMuted(RouteNode route, IReadOnlyDictionary<string, TimeIntervalSet> intervals, DateTimeOffset now)
    {
        if (route.ActiveTimeIntervals.Count > 0 && !InAny(route.ActiveTimeIntervals, intervals, now))
        {
            return true;
        }
        return InAny(route.MuteTimeIntervals, intervals, now);
    }

    private static bool InAny(IReadOnlyList<string> names, IReadOnlyDictionary<string, TimeIntervalSet> intervals, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        foreach (var name in names)
        {
            if (intervals.TryGetValue(name, out var set) && set.Contains(utc))
            {
                return true;
            }
        }
        return false;
    }
}
