using Vigil.Server.Maintenance;

namespace Vigil.Server.Tests.Maintenance;

public sealed class WindowBuilderTests
{
    private static readonly WindowDraft Valid = TestWindows.OneOff("now", "2026-05-11T02:30:00Z");

    public static TheoryData<string, WindowDraft> Invalid => new()
    {
        { "targets", Valid with { Targets = [] } },
        { "targets[0]", Valid with { Targets = ["host=~\"(\""] } },
        { "targets[0]", Valid with { Targets = ["host=~\".*\""] } },
        { "expected", Valid with { Expected = null } },
        { "watcher", Valid with { Watcher = "  " } },
        { "backup", Valid with { Backup = null } },
        { "start", Valid with { Start = "tomorrow" } },
        { "start", Valid with { Start = null } },
        { "end", Valid with { End = null } },
        { "end", Valid with { End = "2026-05-10T22:00:00Z" } },
        { "end", Valid with { End = "2026-05-11T12:00:00Z" } },           // longer than max_length 12h
        { "end", Valid with { End = "2026-05-10T22:31:00Z", Duration = "1h" } },
        { "duration", Valid with { End = null, Duration = "-1h" } },
        { "timeZone", Valid with { TimeZone = "Europe/Berlin" } },       // only with cron
        { "cron", TestWindows.Recurring("0 2 * *", "2h", "UTC") },
        { "timeZone", TestWindows.Recurring("0 2 * * SUN", "2h", "Europe/Berlinn") },
        { "timeZone", TestWindows.Recurring("0 2 * * SUN", "2h", "") },
        { "duration", TestWindows.Recurring("0 2 * * SUN", "13h", "UTC") },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidDraft_IsRefused_NamingTheField(string field, WindowDraft draft)
    {
        var (window, error) = WindowBuilder.Build(draft, "w1", new MaintenanceOptions(), TestWindows.Now, mustEndInFuture: true);
        Assert.Null(window);
        Assert.Equal(field, error!.Field);
    }

    [Fact]
    public void Duration_WithoutEnd_SetsTheEnd_AndNowIsTheRequestTime()
    {
        var (window, error) = WindowBuilder.Build(Valid with { End = null, Duration = "2h" }, "w1", new MaintenanceOptions(), TestWindows.Now, mustEndInFuture: true);
        Assert.Null(error);
        Assert.Equal((TestWindows.Now, TestWindows.Now.AddHours(2)), (window!.Start, window.End!.Value));
    }

    [Fact]
    public void Draft_RoundTrips_ThroughFromAndBuild()
    {
        var window = TestWindows.Build(TestWindows.Recurring("0 2 * * SUN", "2h", "Europe/Berlin"));
        var again = TestWindows.Build(WindowDraft.From(window));
        Assert.Equal(WindowJson.Definition(window).ToJsonString(), WindowJson.Definition(again).ToJsonString());
    }
}
