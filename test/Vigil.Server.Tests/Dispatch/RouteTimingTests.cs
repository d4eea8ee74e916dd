using Vigil.Server.Config;
using Vigil.Server.Dispatch;

namespace Vigil.Server.Tests.Dispatch;

public sealed class RouteTimingTests
{
    private static readonly IReadOnlyDictionary<string, TimeIntervalSet> Intervals = new Dictionary<string, TimeIntervalSet>
    {
        ["office"] = new("office", [new TimeIntervalSpec { Times = [new MinuteRange(9 * 60, 17 * 60)] }]),
        ["lunch"] = new("lunch", [new TimeIntervalSpec { Times = [new MinuteRange(12 * 60, 13 * 60)] }]),
    };

    private static RouteNode Route(string[] mute, string[] active) =>
        RouteNode.Build(new RouteConfig { Receiver = "r", Routes = [new RouteConfig { MuteTimeIntervals = mute, ActiveTimeIntervals = active }] }).Routes[0];

    public static TheoryData<string[], string[], int, bool> Cases => new()
    {
        { [], [], 3, false },
        { ["lunch"], [], 12, true },
        { ["lunch"], [], 14, false },
        { [], ["office"], 8, true },
        { [], ["office"], 10, false },
        { ["lunch"], ["office"], 12, true },
        { [], ["office", "lunch"], 12, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsMuted_InsideMuteIntervals_OrOutsideAllActiveIntervals(string[] mute, string[] active, int hour, bool muted)
    {
        var now = new DateTimeOffset(2024, 1, 2, hour, 30, 0, TimeSpan.Zero);
        Assert.Equal(muted, RouteTiming.IsMuted(Route(mute, active), Intervals, now));
    }
}
